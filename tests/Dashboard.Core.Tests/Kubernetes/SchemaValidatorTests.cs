using System.Text.Json.Nodes;
using Dashboard.Certificates.Layouts;
using Dashboard.Core.Ibm;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup;

namespace Dashboard.Core.Tests.Kubernetes;

/// <summary>Every object the steps generate validates against the repository's schemas; broken ones are refused with the field named.</summary>
public sealed class SchemaValidatorTests
{
    private static readonly SetupProfile s_current = new(IstioApi.Current, AlbFlavour.IngressNginx, ClientCertificateSource.PrivateCa, ClusterType.Classic)
    {
        Apis = new ServedApis("v1", "v1", "networking.k8s.io/v1", "public-iks-k8s-nginx"),
    };

    private static readonly SetupProfile s_legacy = new(IstioApi.Legacy, AlbFlavour.IbmIngress, ClientCertificateSource.IksAlbCertificate, ClusterType.Classic)
    {
        Apis = new ServedApis("v1alpha3", null, "networking.k8s.io/v1", null),
    };

    public static TheoryData<string, string> Generated()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, profile) in new[] { ("current", s_current), ("legacy", s_legacy), ("current-v1beta1", s_current with { Apis = new ServedApis("v1beta1", "v1beta1", "networking.k8s.io/v1", null) }), ("legacy-extensions-ingress", s_legacy with { Apis = new ServedApis("v1alpha3", null, "extensions/v1beta1", null) }) })
        {
            foreach (var manifest in All(profile))
            {
                data.Add(name, manifest.ToJsonString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Generated))]
    public void GeneratedObject_ForEveryProfile_Validates(string profile, string json)
    {
        var problems = SchemaValidator.Shared.Validate(JsonNode.Parse(json)!.AsObject());
        Assert.True(problems.Count == 0, $"{profile}: {json}\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void Gateway_WithUnknownTlsMode_IsRefusedNamingTheField()
    {
        var gateway = Gateway(s_current);
        gateway["spec"]!["servers"]![0]!["tls"]!["mode"] = "MUTUALL";
        Assert.Contains(SchemaValidator.Shared.Validate(gateway), p => p.StartsWith("spec.servers[0].tls.mode:", StringComparison.Ordinal) && p.Contains("MUTUAL", StringComparison.Ordinal));
    }

    [Fact]
    public void Gateway_WithUnknownField_IsRefused()
    {
        var gateway = Gateway(s_current);
        gateway["spec"]!["servers"]![0]!["tsl"] = new JsonObject();
        Assert.Contains(SchemaValidator.Shared.Validate(gateway), p => p.Contains("unknown field \"tsl\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Ingress_WithoutPathType_IsRefusedAsRequired()
    {
        var ingress = SetupManifests.Ingress(s_current, SetupParameters.Default, "id", "httpbin.alb.example", "alb", "gw.example").Manifest;
        ingress["spec"]!["rules"]![0]!["http"]!["paths"]![0]!.AsObject().Remove("pathType");
        Assert.Contains(SchemaValidator.Shared.Validate(ingress), p => p == "spec.rules[0].http.paths[0].pathType: required");
    }

    [Fact]
    public void Service_WithPortAsText_IsRefusedAsNotAnInteger()
    {
        var service = SetupManifests.Httpbin("httptools", "id").Single(o => o.Kind.Kind == "Service").Manifest;
        service["spec"]!["ports"]![0]!["port"] = "eight thousand";
        Assert.Contains(SchemaValidator.Shared.Validate(service), p => p.StartsWith("spec.ports[0].port: must be an integer", StringComparison.Ordinal));
    }

    [Fact]
    public void Secret_WithDataNotBase64_IsRefused()
    {
        var secret = Secret();
        secret["data"]!["ca.crt"] = "not base64 !";
        Assert.Contains(SchemaValidator.Shared.Validate(secret), p => p == "data.ca.crt: must be base64");
    }

    [Fact]
    public void PeerAuthentication_WithUnknownMode_IsRefused()
    {
        var peer = SetupManifests.MtlsPolicy(s_current, "httptools", "id").Manifest;
        peer["spec"]!["mtls"]!["mode"] = "STRCT";
        Assert.NotEmpty(SchemaValidator.Shared.Validate(peer));
    }

    private static IEnumerable<JsonObject> All(SetupProfile profile)
    {
        yield return SetupManifests.Namespace("httptools", "id", preExisting: false);
        yield return SetupManifests.Namespace("httptools", "id", preExisting: true);
        foreach (var (_, manifest) in SetupManifests.Httpbin("httptools", "id"))
        {
            yield return manifest;
        }

        yield return SetupManifests.MtlsPolicy(profile, "httptools", "id").Manifest;
        yield return SetupManifests.DestinationRule(profile, "httptools", "id").Manifest;
        yield return Gateway(profile);
        yield return SetupManifests.VirtualService(profile, SetupParameters.Default, "id", ["gw.example", "httpbin.alb.example"]).Manifest;
        yield return SetupManifests.Ingress(profile, SetupParameters.Default, "id", "httpbin.alb.example", "alb-secret", "gw.example").Manifest;
        yield return SetupManifests.Ingress(profile with { AlbFlavour = profile.AlbFlavour == AlbFlavour.IbmIngress ? AlbFlavour.IngressNginx : AlbFlavour.IbmIngress }, SetupParameters.Default, "id", "httpbin.alb.example", "alb-secret", "gw.example").Manifest;
        yield return Secret();
    }

    private static JsonObject Gateway(SetupProfile profile) =>
        SetupManifests.Gateway(profile, SetupParameters.Default, "id", ["gw.example", "httpbin.alb.example"], "gw-credential", LegacyGatewayLayout.DefaultCaFileName).Manifest;

    private static JsonObject Secret() =>
        SetupManifests.Secret("alb-certs", "istio-system", new SecretLayout(SecretTypes.Opaque, new Dictionary<string, byte[]> { ["ca.crt"] = [1, 2, 3] }), "id", new Dictionary<string, string> { ["a/b"] = "c" }).Manifest;
}
