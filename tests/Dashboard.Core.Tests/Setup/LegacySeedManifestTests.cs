using System.Text.Json.Nodes;
using Dashboard.Core.Ibm;
using Dashboard.Core.Setup;
using YamlDotNet.RepresentationModel;

namespace Dashboard.Core.Tests.Setup;

/// <summary>
/// The Legacy profile reproduces the seed's manifests field for field, apart from the modernisations documented in
/// docs/setup-modernisations.md. The seed's YAML below is copied verbatim from shared/seed/000_66cef7b315303981.txt
/// (shell variables replaced by the values the test uses).
/// </summary>
public sealed class LegacySeedManifestTests
{
    private const string SetupId = "0123456789ab";
    private const string AlbDomain = "mycluster-a1b2cdef345678g9hi012j3kl4567890-0000.us-south.containers.appdomain.cloud";
    private const string AlbSecret = "mycluster-a1b2cdef345678g9hi012j3kl4567890-0000";

    private const string SeedPolicy = """
        apiVersion: authentication.istio.io/v1alpha1
        kind: Policy
        metadata:
          name: default
        spec:
          peers:
          - mtls: {}
        """;

    private const string SeedDestinationRule = """
        apiVersion: networking.istio.io/v1alpha3
        kind: DestinationRule
        metadata:
          name: default
        spec:
          host: "*.httptools.svc.cluster.local"
          trafficPolicy:
            tls:
              mode: ISTIO_MUTUAL
        """;

    private const string SeedGateway = """
        apiVersion: networking.istio.io/v1alpha3
        kind: Gateway
        metadata:
          name: default-ingress-gateway
        spec:
          selector:
            istio: ingressgateway # use istio default ingress gateway
          servers:
          - port:
              number: 443
              name: https
              protocol: HTTPS
            tls:
              mode: MUTUAL
              serverCertificate: /etc/istio/ingressgateway-certs/tls.crt
              privateKey: /etc/istio/ingressgateway-certs/tls.key
              caCertificates: /etc/istio/ingressgateway-ca-certs/trustid-x3-root.pem
            hosts:
            - "*"
        """;

    private const string SeedVirtualService = """
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: default-ingress
        spec:
          hosts:
          - "*"
          gateways:
          - default-ingress-gateway
          http:
          - match:
            - uri:
                prefix: /status
            route:
            - destination:
                port:
                  number: 8000
                host: httpbin.httptools.svc.cluster.local
        """;

    private const string SeedIngress = """
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata:
          name: alb-ingress
          namespace: istio-system
          annotations:
            ingress.bluemix.net/ssl-services: "ssl-service=istio-ingressgateway ssl-secret=alb-certs"
        spec:
          tls:
          - hosts:
            - httpbin.$ALB_INGRESS_DOMAIN
            secretName: $ALB_SECRET
          rules:
          - host: httpbin.$ALB_INGRESS_DOMAIN
            http:
              paths:
              - path: /status
                backend:
                  serviceName: istio-ingressgateway
                  servicePort: 443
        """;

    private static readonly SetupProfile s_legacy = new(IstioApi.Legacy, AlbFlavour.IbmIngress, ClientCertificateSource.IksAlbCertificate, ClusterType.Classic)
    {
        Apis = new ServedApis("v1alpha3", null, "networking.k8s.io/v1", null),
    };

    private static readonly string[] s_ownership = ["metadata.labels.app.kubernetes.io/managed-by", "metadata.labels.iks-istio-mtls-dashboard/setup-id"];

    public static TheoryData<string> Objects => ["Policy", "DestinationRule", "Gateway", "VirtualService", "Ingress"];

    [Theory]
    [MemberData(nameof(Objects))]
    public void LegacyManifest_ComparedWithTheSeed_DiffersOnlyByDocumentedModernisations(string kind)
    {
        var (seed, generated, modernisations) = kind switch
        {
            "Policy" => (SeedPolicy, SetupManifests.MtlsPolicy(s_legacy, "httptools", SetupId).Manifest,
                new Modernisation[] { Namespace("httptools"), OwnershipLabels() }),
            "DestinationRule" => (SeedDestinationRule, SetupManifests.DestinationRule(s_legacy, "httptools", SetupId).Manifest,
                [Namespace("httptools"), OwnershipLabels()]),
            "Gateway" => (SeedGateway, Gateway(),
                [Namespace("default"), OwnershipLabels(), new("M3 the client CA file is the bundle computed from the chain, not the expired DST Root CA X3",
                    ["spec.servers[0].tls.caCertificates"], seed => seed.Set("spec.servers[0].tls.caCertificates", "/etc/istio/ingressgateway-ca-certs/client-ca-bundle.pem"))]),
            "VirtualService" => (SeedVirtualService, SetupManifests.VirtualService(s_legacy, SetupParameters.Default, SetupId, ["*"]).Manifest,
                [Namespace("default"), OwnershipLabels()]),
            _ => (SeedIngress.Replace("$ALB_INGRESS_DOMAIN", AlbDomain, StringComparison.Ordinal).Replace("$ALB_SECRET", AlbSecret, StringComparison.Ordinal),
                SetupManifests.Ingress(s_legacy, SetupParameters.Default, SetupId, "httpbin." + AlbDomain, AlbSecret, "gateway.example").Manifest,
                [OwnershipLabels(), IngressV1()]),
        };

        var seedFields = Flatten(Parse(seed));
        var generatedFields = Flatten(generated);

        // Without the modernisations the objects differ exactly where they say, and nowhere else.
        var differing = seedFields.Keys.Union(generatedFields.Keys).Where(k => seedFields.GetValueOrDefault(k) != generatedFields.GetValueOrDefault(k)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(modernisations.SelectMany(m => m.Paths).Order(StringComparer.Ordinal), differing);

        // With them applied to the seed, every field is equal.
        var modernised = Parse(seed);
        foreach (var m in modernisations)
        {
            m.Apply(modernised);
        }

        Assert.Equal(Flatten(modernised).OrderBy(p => p.Key, StringComparer.Ordinal), generatedFields.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Modernisations_AreDocumented()
    {
        var docs = File.ReadAllText(Dashboard.Testing.RepositoryPaths.Combine("docs", "setup-modernisations.md"));
        foreach (var heading in new[] { "M1", "M2", "M3", "M4" })
        {
            Assert.Contains($"## {heading} ", docs, StringComparison.Ordinal);
        }
    }

    private static JsonObject Gateway() => SetupManifests.Gateway(s_legacy, SetupParameters.Default, SetupId, ["*"], null, Dashboard.Certificates.Layouts.LegacyGatewayLayout.DefaultCaFileName).Manifest;

    private static Modernisation Namespace(string ns) =>
        new("M1 the namespace is explicit (the seed relied on kubectl's current namespace or -n)", ["metadata.namespace"], seed => seed.Set("metadata.namespace", ns));

    private static Modernisation OwnershipLabels() =>
        new("M2 ownership labels", s_ownership, seed =>
        {
            seed.Set("metadata.labels.app.kubernetes.io/managed-by", "iks-istio-mtls-dashboard");
            seed.Set("metadata.labels.iks-istio-mtls-dashboard/setup-id", SetupId);
        });

    private static Modernisation IngressV1() =>
        new("M4 Ingress networking.k8s.io/v1 (extensions/v1beta1 is no longer served)",
            ["apiVersion", "spec.rules[0].http.paths[0].backend.service.name", "spec.rules[0].http.paths[0].backend.service.port.number", "spec.rules[0].http.paths[0].backend.serviceName", "spec.rules[0].http.paths[0].backend.servicePort", "spec.rules[0].http.paths[0].pathType"],
            seed =>
            {
                seed["apiVersion"] = "networking.k8s.io/v1";
                var path = seed["spec"]!["rules"]![0]!["http"]!["paths"]![0]!.AsObject();
                var backend = path["backend"]!.AsObject();
                path["pathType"] = "ImplementationSpecific";
                path["backend"] = new JsonObject { ["service"] = new JsonObject { ["name"] = backend["serviceName"]!.DeepClone(), ["port"] = new JsonObject { ["number"] = backend["servicePort"]!.DeepClone() } } };
            });

    private static JsonObject Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (JsonObject)ToJson(stream.Documents[0].RootNode)!;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s when long.TryParse(s.Value, out var n) => JsonValue.Create(n),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };

    private static Dictionary<string, string> Flatten(JsonNode node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(JsonNode? n, string path)
        {
            switch (n)
            {
                case JsonObject o when o.Count == 0:
                    result[path] = "{}";
                    break;
                case JsonObject o:
                    foreach (var (k, v) in o)
                    {
                        Walk(v, path.Length == 0 ? k : $"{path}.{k}");
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        Walk(a[i], $"{path}[{i}]");
                    }

                    break;
                default:
                    result[path] = n?.ToJsonString() ?? "null";
                    break;
            }
        }

        Walk(node, "");
        return result;
    }

    private sealed record Modernisation(string Name, IReadOnlyList<string> Paths, Action<JsonObject> Apply);
}

internal static class JsonPathWriting
{
    /// <summary>Sets a dotted path (label keys with '/' and '.' after "labels." are one segment).</summary>
    public static void Set(this JsonObject root, string path, string value)
    {
        var segments = new List<string>();
        var labels = path.IndexOf(".labels.", StringComparison.Ordinal);
        if (labels >= 0)
        {
            segments.AddRange(path[..labels].Split('.'));
            segments.Add("labels");
            segments.Add(path[(labels + ".labels.".Length)..]);
        }
        else
        {
            segments.AddRange(path.Split('.'));
        }

        JsonNode current = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            var segment = segments[i];
            var index = segment.IndexOf('[', StringComparison.Ordinal);
            if (index >= 0)
            {
                current = current[segment[..index]]![int.Parse(segment[(index + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
                continue;
            }

            current = current[segment] ??= new JsonObject();
        }

        current[segments[^1]] = value;
    }
}
