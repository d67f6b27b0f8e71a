using System.Text.Json.Nodes;
using Dashboard.Core.Ibm;
using Dashboard.Core.Setup;
using Dashboard.Testing.Seed;

namespace Dashboard.Core.Tests.Setup;

/// <summary>
/// The Legacy profile's manifests, as <see cref="SetupManifests"/> builds them, reproduce the seed's field for field
/// apart from the modernisations documented in docs/setup-modernisations.md (the seed's objects and the
/// modernisations are in <see cref="LegacySeed"/>). The secrets, built from real certificates, are compared in
/// Dashboard.Web.Tests' LegacySeedEmittedTests, which also compares what a Legacy sandbox setup actually writes.
/// </summary>
public sealed class LegacySeedManifestTests
{
    private const string SetupId = "0123456789ab";
    private const string AlbDomain = "mycluster-a1b2cdef345678g9hi012j3kl4567890-0000.us-south.containers.appdomain.cloud";
    private const string AlbSecret = "mycluster-a1b2cdef345678g9hi012j3kl4567890-0000";

    private static readonly SetupProfile s_legacy = new(IstioApi.Legacy, AlbFlavour.IbmIngress, ClientCertificateSource.IksAlbCertificate, ClusterType.Classic)
    {
        Apis = new ServedApis("v1alpha3", null, "networking.k8s.io/v1", null),
    };

    public static TheoryData<string> Objects =>
    [
        "Namespace /httptools", "ServiceAccount httptools/httpbin", "Service httptools/httpbin", "Deployment httptools/httpbin",
        "Policy httptools/default", "DestinationRule httptools/default", "Gateway default/default-ingress-gateway", "VirtualService default/default-ingress", "Ingress istio-system/alb-ingress",
    ];

    [Theory]
    [MemberData(nameof(Objects))]
    public void LegacyManifest_ComparedWithTheSeed_DiffersOnlyByDocumentedModernisations(string key)
    {
        var seed = LegacySeed.Objects(SetupId, AlbDomain, AlbSecret).Single(o => o.Key == key);

        LegacySeed.AssertMatches(seed, Generated(key));
    }

    [Fact]
    public void LegacyHttpbin_IsTheSamplesThreeObjects()
    {
        Assert.Equal(
            LegacySeed.Httpbin().Select(o => $"{o["kind"]} httptools/{o["metadata"]!["name"]}"),
            SetupManifests.Httpbin("httptools", SetupId).Select(o => $"{o.Kind.Kind} {o.Manifest["metadata"]!["namespace"]}/{o.Manifest["metadata"]!["name"]}"));
    }

    [Fact]
    public void Modernisations_AreDocumented()
    {
        var docs = File.ReadAllText(Dashboard.Testing.RepositoryPaths.Combine("docs", "setup-modernisations.md"));
        var used = LegacySeed.Objects(SetupId, AlbDomain, AlbSecret).SelectMany(o => o.Modernisations).Select(m => m.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["M1", "M2", "M3", "M4", "M6"], used);
        foreach (var heading in used.Append("M5"))
        {
            Assert.Contains($"## {heading} ", docs, StringComparison.Ordinal);
        }
    }

    private static JsonObject Generated(string key)
    {
        var parameters = SetupParameters.Default;
        return key switch
        {
            "Namespace /httptools" => SetupManifests.Namespace("httptools", SetupId, preExisting: false),
            "Policy httptools/default" => SetupManifests.MtlsPolicy(s_legacy, "httptools", SetupId).Manifest,
            "DestinationRule httptools/default" => SetupManifests.DestinationRule(s_legacy, "httptools", SetupId).Manifest,
            "Gateway default/default-ingress-gateway" => SetupManifests.Gateway(s_legacy, parameters, SetupId, ["*"], null, Dashboard.Certificates.Layouts.LegacyGatewayLayout.DefaultCaFileName).Manifest,
            "VirtualService default/default-ingress" => SetupManifests.VirtualService(s_legacy, parameters, SetupId, ["*"]).Manifest,
            "Ingress istio-system/alb-ingress" => SetupManifests.Ingress(s_legacy, parameters, SetupId, "httpbin." + AlbDomain, AlbSecret, "gateway.example").Manifest,
            _ => SetupManifests.Httpbin("httptools", SetupId).Single(o => key.StartsWith(o.Kind.Kind + " ", StringComparison.Ordinal)).Manifest,
        };
    }
}
