using System.Reflection;
using Dashboard.Certificates.Layouts;
using Dashboard.Certificates.Validation;
using Dashboard.Testing.Certificates;
using static Dashboard.Certificates.Tests.LayoutFixture;

namespace Dashboard.Certificates.Tests;

/// <summary>
/// Assemblers act on verdicts, so a verdict must not be forgeable: outside the library no report can be made or
/// altered (checked on the public surface), and inside it a report whose content disagrees with its verdict (made
/// here through the internal constructors, as a bug would) is refused with a clear problem and nothing is assembled.
/// </summary>
public sealed class LayoutForgeryTests
{
    private static readonly Type[] s_verdicts = [typeof(CredentialReport), typeof(ChainReport), typeof(CaBundleReport), typeof(ValidatedCredential)];

    public static IEnumerable<string> CoveredCodes => [ProblemCodes.LayoutUnvalidatedInput];

    public static TheoryData<string> Verdicts => [.. s_verdicts.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void Verdict_PublicSurface_OffersNoWayToMakeOrAlterIt(string typeName)
    {
        var type = s_verdicts.Single(t => t.Name == typeName);

        Assert.True(type.IsSealed);
        Assert.Empty(type.GetConstructors(BindingFlags.Public | BindingFlags.Instance));
        // A record's clone method is what a 'with' expression calls; without it no caller can relabel a copy.
        Assert.Null(type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance));
        Assert.All(type.GetProperties(BindingFlags.Public | BindingFlags.Instance), p => Assert.True(p.SetMethod is null || !p.SetMethod.IsPublic, $"{type.Name}.{p.Name} has a public setter"));
    }

    [Fact]
    public void Verdict_ProblemList_CannotBeCastBackAndEmptied()
    {
        var invalid = Validator.ValidateCaBundle(ServerCredential.Leaf.Pem);
        var report = Validator.ValidateCredential(ServerCredential.ChainPem, ServerCredential.KeyPem(), CredentialPurpose.Client());

        foreach (var problems in new[] { invalid.Problems, report.Problems })
        {
            var asCollection = Assert.IsAssignableFrom<ICollection<CertificateProblem>>(problems);
            Assert.True(asCollection.IsReadOnly);
            Assert.Throws<NotSupportedException>(asCollection.Clear);
        }

        Assert.False(invalid.IsValid);
        Assert.False(report.IsValid);
    }

    [Fact]
    public void AlbLayouts_ServerReportRelabelledAsClient_AreRefused()
    {
        var server = Server();
        var relabelled = new CredentialReport(CredentialPurpose.Client(), server.Problems, server.Certificates, server.Path, server.Key, server.Credential);

        foreach (var (layout, result) in AlbLayouts(relabelled, ServerCa()))
        {
            AssertRefused(layout, result, ProblemCodes.LayoutWrongPurpose, "validated for server authentication");
            Assert.Contains(result.Problems, p => p.Code == ProblemCodes.LayoutUnvalidatedInput && p.Message.Contains("its credential was validated for server authentication", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void GatewayLayouts_ClientReportRelabelledAsServer_AreRefused()
    {
        var client = Client();
        var relabelled = new CredentialReport(Pki.Server, client.Problems, client.Certificates, client.Path, client.Key, client.Credential);

        foreach (var (layout, result) in GatewayLayouts(relabelled, ClientCa()))
        {
            AssertRefused(layout, result, ProblemCodes.LayoutWrongPurpose, "validated for client authentication");
        }
    }

    [Fact]
    public void GatewayLayouts_ServerReportRelabelledForAnotherHost_AreRefused()
    {
        var server = Server();
        var relabelled = new CredentialReport(CredentialPurpose.Server("other.example.org"), server.Problems, server.Certificates, server.Path, server.Key, server.Credential);

        foreach (var (layout, result) in GatewayLayouts(relabelled, ClientCa()))
        {
            AssertRefused(layout, result, ProblemCodes.LayoutUnvalidatedInput, "server authentication for other.example.org");
        }
    }

    [Fact]
    public void AllCredentialLayouts_ReportWithoutProblemsOrCredential_AreRefusedWithoutThrowing()
    {
        var empty = new CredentialReport(Pki.Server, [], [], [], null, null);
        var emptyClient = new CredentialReport(CredentialPurpose.Client(), [], [], [], null, null);

        foreach (var (layout, result) in GatewayLayouts(empty, ClientCa()).Concat(AlbLayouts(emptyClient, ServerCa())))
        {
            AssertRefused(layout, result, ProblemCodes.LayoutUnvalidatedInput, "carries no validated credential");
        }
    }

    [Fact]
    public void GatewayLayouts_CredentialWithAnotherKey_AreRefused()
    {
        var server = Server();
        var otherKey = Validator.ValidateCredential(ClientCredential.ChainPem, ClientCredential.KeyPem(), CredentialPurpose.Client()).Key!;
        var credential = new ValidatedCredential(Pki.Server, server.Credential!.PathData, otherKey, Pki.Now);
        var forged = new CredentialReport(Pki.Server, [], server.Certificates, server.Path, otherKey, credential);

        foreach (var (layout, result) in GatewayLayouts(forged, ClientCa()))
        {
            AssertRefused(layout, result, ProblemCodes.LayoutUnvalidatedInput, "private key does not belong to its leaf");
        }
    }

    [Fact]
    public void GatewayLayouts_CredentialOfAnExpiredChainWithProblemsRemoved_AreRefused()
    {
        var expired = Pki.Rsa.Leaf(TestLeafSpec.Default.Expired());
        var key = Validator.ValidateCredential(expired.ChainPem, expired.KeyPem(), Pki.Server).Key!;
        var path = new[] { expired.Leaf, Pki.Rsa.Intermediate, Pki.Rsa.Root }.Select(c => Inspection.X509Reader.Read(c.Der)).ToList();
        var forged = new CredentialReport(Pki.Server, [], [], [], key, new ValidatedCredential(Pki.Server, path, key, Pki.Now));

        foreach (var (layout, result) in GatewayLayouts(forged, ClientCa()))
        {
            AssertRefused(layout, result, ProblemCodes.LayoutUnvalidatedInput, "was not valid at 2026-06-01 12:00:00 UTC, when it was judged");
        }
    }

    [Fact]
    public void CaLayouts_BundleWithoutCertificates_AreRefused()
    {
        var forged = new CaBundleReport([], [], Pki.Now);

        var results = CaLayouts(forged).Concat(GatewayLayouts(Server(), forged)).Concat(AlbLayouts(Client(), forged));

        foreach (var (layout, result) in results)
        {
            AssertRefused(layout, result, ProblemCodes.LayoutUnvalidatedInput, "holds no certificate");
        }
    }

    public static TheoryData<string> InvalidBundles => ["leaf as CA", "expired root", "DST Root CA X3"];

    [Theory]
    [MemberData(nameof(InvalidBundles))]
    public void CaLayouts_InvalidBundleWithProblemsRemoved_AreRefused(string scenario)
    {
        var (invalid, expected) = scenario switch
        {
            "leaf as CA" => (Validator.ValidateCaBundle(ServerCredential.Leaf.Pem), "is not a CA certificate"),
            "expired root" => (Pki.Validator(TimeSpan.FromDays(365 * 16)).ValidateCaBundle(ClientCredential.RootPem), "was not valid at"),
            _ => (Validator.ValidateCaBundle(File.ReadAllText(Testing.RepositoryPaths.Combine("src", "Dashboard.Certificates", "Trust", "Roots", "DST_Root_CA_X3.pem"))), "is DST Root CA X3"),
        };
        Assert.False(invalid.IsValid);
        var stripped = new CaBundleReport([], invalid.Data, invalid.ValidatedAt);

        foreach (var (layout, result) in CaLayouts(stripped).Concat(AlbLayouts(Client(), stripped)))
        {
            AssertRefused(layout, result, ProblemCodes.LayoutUnvalidatedInput, expected);
        }
    }

    [Fact]
    public void AllLayouts_GenuineReports_StillAssemble()
    {
        var results = GatewayLayouts(Server(), ClientCa()).Concat(CaLayouts(ClientCa())).Concat(AlbLayouts(Client(), ServerCa()));

        Assert.All(results, r => Assert.True(r.Result.Succeeded, r.Layout + ": " + string.Join("\n", r.Result.Problems)));
    }

    private static void AssertRefused(string layout, (bool Succeeded, IReadOnlyList<CertificateProblem> Problems) result, string code, string messagePart)
    {
        Assert.False(result.Succeeded, layout + " assembled a secret from a forged report");
        Assert.True(
            result.Problems.Any(p => p.Code == code && p.IsError && p.Message.Contains(messagePart, StringComparison.Ordinal)),
            $"{layout}: expected {code} mentioning '{messagePart}', got:\n{string.Join("\n", result.Problems)}");
    }

    private static IEnumerable<(string Layout, (bool Succeeded, IReadOnlyList<CertificateProblem> Problems) Result)> GatewayLayouts(CredentialReport gateway, CaBundleReport clientCa)
    {
        yield return ("Legacy", Outcome(LegacyGatewayLayout.Assemble(gateway, clientCa)));
        yield return ("Current, CA in a separate secret", Outcome(CurrentGatewayLayout.Assemble("gw", gateway, clientCa)));
        yield return ("Current, CA in the same secret", Outcome(CurrentGatewayLayout.Assemble("gw", gateway, clientCa, new CurrentGatewayOptions(CaPlacement.SameSecret, CaKeyName.CaCert))));
    }

    private static IEnumerable<(string Layout, (bool Succeeded, IReadOnlyList<CertificateProblem> Problems) Result)> CaLayouts(CaBundleReport clientCa)
    {
        yield return ("Legacy CA certs", Outcome(LegacyGatewayLayout.AssembleCaCerts(clientCa)));
        yield return ("Current CA secret (ca.crt)", Outcome(CurrentGatewayLayout.AssembleCaSecret("gw", clientCa)));
        yield return ("Current CA secret (cacert)", Outcome(CurrentGatewayLayout.AssembleCaSecret("gw", clientCa, CaKeyName.CaCert)));
    }

    private static IEnumerable<(string Layout, (bool Succeeded, IReadOnlyList<CertificateProblem> Problems) Result)> AlbLayouts(CredentialReport albClient, CaBundleReport serverCa)
    {
        yield return ("IbmIngress", Outcome(AlbLayout.AssembleIbmIngress(albClient, serverCa)));
        yield return ("IngressNginx", Outcome(AlbLayout.AssembleIngressNginx(albClient, serverCa)));
    }

    private static (bool Succeeded, IReadOnlyList<CertificateProblem> Problems) Outcome<T>(LayoutResult<T> result)
        where T : class => (result.Succeeded && result.Value is not null, result.Problems);
}
