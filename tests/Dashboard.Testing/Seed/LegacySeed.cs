using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Xunit;

namespace Dashboard.Testing.Seed;

/// <summary>A documented difference (docs/setup-modernisations.md, heading <c>## {Id} </c>) between the seed and the Legacy profile.</summary>
/// <param name="Id">The heading, e.g. <c>M1</c>.</param>
/// <param name="Paths">The fields it changes (flattened paths).</param>
/// <param name="Apply">Changes the seed's object accordingly; the second argument is what the setup wrote (for values only known then).</param>
public sealed record Modernisation(string Id, IReadOnlyList<string> Paths, Action<JsonObject, JsonObject> Apply);

/// <summary>One object of the seed and the modernisations that apply to it.</summary>
/// <param name="Key"><c>Kind namespace/name</c> of the object the setup writes for it.</param>
/// <param name="Manifest">The seed's object.</param>
/// <param name="Modernisations">How the setup's object may differ.</param>
public sealed record SeedObject(string Key, JsonObject Manifest, IReadOnlyList<Modernisation> Modernisations);

/// <summary>
/// The objects of the seed (shared/seed/000_66cef7b315303981.txt) for the Legacy profile (Istio 1.4, IBM Ingress ALB,
/// the ALB's IKS certificate as client certificate, a cluster serving Ingress networking.k8s.io/v1). Where the seed
/// shows YAML it is copied verbatim (<see cref="SeedManifests"/>); where it runs a command (the namespace, the three
/// secrets) the object is what that command creates; httpbin is Istio's <c>samples/httpbin/httpbin.yaml</c>, which
/// the seed applies with <c>-n httptools</c>, from the repository's verbatim copy (checksum pinned). Secret values
/// are compared by key only (the seed's are files: which certificate goes where is checked against the cluster).
/// </summary>
public static class LegacySeed
{
    /// <summary>SHA-256 of Istio 1.30.3's samples/httpbin/httpbin.yaml (src/Dashboard.Sandbox.Kubernetes/Schemas/SOURCES.md).</summary>
    public const string HttpbinSha256 = "9bb1d48dc58dad90081ac5d57d6f23aa2bc75acbb163d4bcd29bcc652af8404d";

    private const string ManagedBy = "app.kubernetes.io/managed-by";
    private const string SetupIdLabel = "iks-istio-mtls-dashboard/setup-id";
    private const string SourceAnnotation = "iks-istio-mtls-dashboard/source";
    private const string Fingerprint = "@sha256:[0-9A-F]{16}";

    /// <summary>Every object the Legacy setup writes, keyed like <see cref="SeedObject.Key"/>.</summary>
    public static IReadOnlyList<SeedObject> Objects(string setupId, string albDomain, string albSecret)
    {
        var labels = Ownership(setupId);
        var ingress = SeedManifests.Ingress.Replace("$ALB_INGRESS_DOMAIN", albDomain, StringComparison.Ordinal).Replace("$ALB_SECRET", albSecret, StringComparison.Ordinal);
        var objects = new List<SeedObject>
        {
            new("Namespace /httptools", SeedYaml.Parse(SeedManifests.Namespace), [labels]),
        };
        objects.AddRange(Httpbin().Select(o => new SeedObject($"{o["kind"]} httptools/httpbin", o, [Namespace("httptools"), labels])));
        objects.AddRange(
        [
            new("Policy httptools/default", SeedYaml.Parse(SeedManifests.Policy), [Namespace("httptools"), labels]),
            new("DestinationRule httptools/default", SeedYaml.Parse(SeedManifests.DestinationRule), [Namespace("httptools"), labels]),
            new("Secret istio-system/istio-ingressgateway-certs", SeedYaml.Parse(SeedManifests.GatewayCertsSecret), [labels, Source("^default/[a-z0-9.-]+" + Fingerprint + "$")]),
            new("Secret istio-system/istio-ingressgateway-ca-certs", SeedYaml.Parse(SeedManifests.GatewayCaCertsSecret), [labels, Source($"^default/{albSecret}{Fingerprint}$"), CaBundleKey()]),
            new("Secret istio-system/alb-certs", SeedYaml.Parse(SeedManifests.AlbCertsSecret), [labels, Source($"^default/{albSecret}{Fingerprint}; default/[a-z0-9.-]+{Fingerprint}$")]),
            new("Gateway default/default-ingress-gateway", SeedYaml.Parse(SeedManifests.Gateway), [Namespace("default"), labels, CaBundleFile()]),
            new("VirtualService default/default-ingress", SeedYaml.Parse(SeedManifests.VirtualService), [Namespace("default"), labels]),
            new("Ingress istio-system/alb-ingress", SeedYaml.Parse(ingress), [labels, IngressV1()]),
        ]);
        return objects;
    }

    /// <summary>
    /// Asserts that <paramref name="generated"/> differs from the seed's object exactly in the modernisations' fields
    /// (so a modernisation no longer needed fails too), and equals it field for field once they are applied.
    /// </summary>
    public static void AssertMatches(SeedObject seed, JsonObject generated)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var original = Normalize(seed.Manifest);
        var written = Normalize(generated);
        var seedFields = SeedYaml.Flatten(original);
        var writtenFields = SeedYaml.Flatten(written);
        var differing = seedFields.Keys.Union(writtenFields.Keys).Where(k => seedFields.GetValueOrDefault(k) != writtenFields.GetValueOrDefault(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(seed.Modernisations.SelectMany(m => m.Paths).Order(StringComparer.Ordinal).SequenceEqual(differing),
            $"{seed.Key}: differs in [{string.Join(", ", differing)}]; documented: [{string.Join(", ", seed.Modernisations.Select(m => $"{m.Id}: {string.Join(", ", m.Paths)}"))}]");

        var modernised = (JsonObject)original.DeepClone();
        foreach (var modernisation in seed.Modernisations)
        {
            modernisation.Apply(modernised, written);
        }

        Assert.Equal(SeedYaml.Flatten(modernised).OrderBy(p => p.Key, StringComparer.Ordinal), writtenFields.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    /// <summary>Istio's httpbin sample as the repository keeps it (verbatim; the checksum proves it).</summary>
    public static IReadOnlyList<JsonObject> Httpbin()
    {
        var path = RepositoryPaths.Combine("src", "Dashboard.Sandbox.Kubernetes", "Schemas", "httpbin.yaml");
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(HttpbinSha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        return SeedYaml.ParseAll(System.Text.Encoding.UTF8.GetString(bytes));
    }

    private static JsonObject Normalize(JsonObject manifest)
    {
        var copy = (JsonObject)manifest.DeepClone();
        if (copy["kind"]?.GetValue<string>() == "Secret" && copy["data"] is JsonObject data)
        {
            foreach (var key in data.Select(d => d.Key).ToList())
            {
                data[key] = "(value)";
            }
        }

        return copy;
    }

    private static Modernisation Namespace(string ns) =>
        new("M1", ["metadata.namespace"], (seed, _) => seed["metadata"]!["namespace"] = ns);

    private static Modernisation Ownership(string setupId) =>
        new("M2", [$"metadata.labels.{ManagedBy}", $"metadata.labels.{SetupIdLabel}"], (seed, _) =>
        {
            var metadata = seed["metadata"]!.AsObject();
            var labels = metadata["labels"] as JsonObject ?? [];
            labels[ManagedBy] = "iks-istio-mtls-dashboard";
            labels[SetupIdLabel] = setupId;
            metadata["labels"] = labels;
        });

    private static Modernisation CaBundleFile() =>
        new("M3", ["spec.servers[0].tls.caCertificates"], (seed, _) => seed["spec"]!["servers"]![0]!["tls"]!["caCertificates"] = "/etc/istio/ingressgateway-ca-certs/client-ca-bundle.pem");

    private static Modernisation CaBundleKey() =>
        new("M3", ["data.client-ca-bundle.pem", "data.trustid-x3-root.pem"], (seed, _) =>
        {
            var data = seed["data"]!.AsObject();
            data.Remove("trustid-x3-root.pem");
            data["client-ca-bundle.pem"] = "(value)";
        });

    private static Modernisation IngressV1() =>
        new("M4",
            ["apiVersion", "spec.rules[0].http.paths[0].backend.service.name", "spec.rules[0].http.paths[0].backend.service.port.number", "spec.rules[0].http.paths[0].backend.serviceName", "spec.rules[0].http.paths[0].backend.servicePort", "spec.rules[0].http.paths[0].pathType"],
            (seed, _) =>
            {
                seed["apiVersion"] = "networking.k8s.io/v1";
                var path = seed["spec"]!["rules"]![0]!["http"]!["paths"]![0]!.AsObject();
                var backend = path["backend"]!.AsObject();
                path["pathType"] = "ImplementationSpecific";
                path["backend"] = new JsonObject { ["service"] = new JsonObject { ["name"] = backend["serviceName"]!.DeepClone(), ["port"] = new JsonObject { ["number"] = backend["servicePort"]!.DeepClone() } } };
            });

    /// <summary>M6: a derived secret names its sources and their leaf fingerprints; the value is only known at run time, so its form is checked.</summary>
    private static Modernisation Source(string pattern) =>
        new("M6", [$"metadata.annotations.{SourceAnnotation}"], (seed, written) =>
        {
            var value = written["metadata"]?["annotations"]?[SourceAnnotation]?.GetValue<string>();
            Assert.Matches(pattern, value ?? "(missing)");
            var metadata = seed["metadata"]!.AsObject();
            var annotations = metadata["annotations"] as JsonObject ?? [];
            annotations[SourceAnnotation] = value;
            metadata["annotations"] = annotations;
        });
}
