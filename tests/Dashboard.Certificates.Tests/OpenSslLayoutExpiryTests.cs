using Dashboard.Certificates.Layouts;
using Dashboard.Certificates.Parsing;
using Dashboard.Certificates.Trust;
using Dashboard.Certificates.Validation;
using Dashboard.Testing.Certificates;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Certificates.Tests;

/// <summary>
/// Every certificate of every assembled layout, judged for expiry by <c>openssl x509 -checkend</c> and by us
/// (<c>CERT_EXPIRING_SOON</c>/<c>CERT_EXPIRED</c>, validating the secret's file back as its consumer would): the
/// verdicts must agree for each certificate. <c>-checkend</c> only knows the machine's clock, so these hierarchies
/// are built around the real current time, with expiries spread so each warning window splits them differently.
/// </summary>
public sealed class OpenSslLayoutExpiryTests : IDisposable
{
    private readonly OpenSslCli _openssl = new();

    public void Dispose() => _openssl.Dispose();

    [Theory]
    [InlineData(0, 0)]
    [InlineData(30, 1)] // the gateway leaf (20 days left)
    [InlineData(100, 2)] // and the ALB client leaf (60 days)
    [InlineData(500, 3)] // and the ALB client intermediate (400 days)
    [InlineData(1000, 4)] // and the gateway intermediate (730 days)
    [InlineData(6000, 6)] // and both roots (15 years)
    public void EveryLayoutCertificate_CheckEnd_MatchesOurExpiryVerdict(int windowDays, int expectedFlagged)
    {
        var window = TimeSpan.FromDays(windowDays);
        var pki = WallClockPki.Instance;
        var validator = new CredentialValidator(new FakeTimeProvider(pki.Now), pki.Store, new ValidationOptions { ExpiryWarningWindow = window });
        var server = validator.ValidateCredential(pki.Server.ChainPem, pki.Server.KeyPem(TestKeyFormat.Pkcs1), WallClockPki.ServerPurpose);
        var client = validator.ValidateCredential(pki.Client.ChainPem, pki.Client.KeyPem(TestKeyFormat.Sec1), CredentialPurpose.Client());
        var clientCa = validator.CaBundleFor(client.Credential!);
        var serverCa = validator.CaBundleFor(server.Credential!);

        var files = Files(server, client, clientCa, serverCa).ToList();
        var flagged = new HashSet<string>(StringComparer.Ordinal);
        var checkedCertificates = 0;
        foreach (var (layout, secret, key, purpose) in files)
        {
            var text = secret.GetText(key);
            var ours = OurTimeProblems(validator, secret, key, purpose);
            foreach (var (certificate, index) in PemBundle.Parse(text).Entries.Select((c, i) => (c, i)))
            {
                var oursExpiring = ours.Any(p => p.Message.Contains(certificate.ToString(), StringComparison.Ordinal));
                var theirs = OpenSslCli.CheckEnd(_openssl.Write($"cert-{checkedCertificates}.pem", certificate.ToPem()), window);

                Assert.True(
                    oursExpiring == !theirs.Succeeded,
                    $"{layout} {key} certificate {index + 1} {certificate} (not after {certificate.Summary.NotAfter:u}), window {windowDays} days: ours {(oursExpiring ? "expiring" : "fine")}, openssl: {theirs.Output.Trim()}");
                if (oursExpiring)
                {
                    flagged.Add(certificate.Summary.Sha256Fingerprint);
                }

                checkedCertificates++;
            }
        }

        // Every file of every layout was read, and the window really split the certificates as designed.
        Assert.Equal(18, checkedCertificates);
        Assert.Equal(expectedFlagged, flagged.Count);
    }

    /// <summary>Each certificate file of each layout, with what it is validated back as (a credential's purpose, or null for a CA bundle).</summary>
    private static IEnumerable<(string Layout, SecretLayout Secret, string Key, CredentialPurpose? Purpose)> Files(
        CredentialReport server, CredentialReport client, CaBundleReport clientCa, CaBundleReport serverCa)
    {
        var legacy = Assembled(LegacyGatewayLayout.Assemble(server, clientCa));
        yield return ("Legacy certs", legacy.Certs, "tls.crt", WallClockPki.ServerPurpose);
        yield return ("Legacy CA certs", legacy.CaCerts, LegacyGatewayLayout.DefaultCaFileName, null);

        var separate = Assembled(CurrentGatewayLayout.Assemble("gw", server, clientCa));
        yield return ("Current credential", separate.Credential, "tls.crt", WallClockPki.ServerPurpose);
        yield return ("Current -cacert secret", separate.CaSecret!, "ca.crt", null);

        var same = Assembled(CurrentGatewayLayout.Assemble("gw", server, clientCa, new CurrentGatewayOptions(CaPlacement.SameSecret, CaKeyName.CaCert)));
        yield return ("Current credential with CA", same.Credential, "tls.crt", WallClockPki.ServerPurpose);
        yield return ("Current credential with CA", same.Credential, "cacert", null);

        yield return ("Current CA secret alone", Assembled(CurrentGatewayLayout.AssembleCaSecret("gw", clientCa)), "ca.crt", null);
        yield return ("Current CA secret alone", Assembled(CurrentGatewayLayout.AssembleCaSecret("gw", clientCa, CaKeyName.CaCert)), "cacert", null);

        var ibm = Assembled(AlbLayout.AssembleIbmIngress(client, serverCa));
        yield return ("ALB IbmIngress", ibm, "client.crt", CredentialPurpose.Client());
        yield return ("ALB IbmIngress", ibm, "trusted.crt", null);

        var nginx = Assembled(AlbLayout.AssembleIngressNginx(client, serverCa));
        yield return ("ALB IngressNginx", nginx, "tls.crt", CredentialPurpose.Client());
        yield return ("ALB IngressNginx", nginx, "ca.crt", null);
    }

    /// <summary>Our time verdicts on one file, read back as its consumer reads it: chain plus the key next to it, or a CA bundle.</summary>
    private static List<CertificateProblem> OurTimeProblems(CredentialValidator validator, SecretLayout secret, string key, CredentialPurpose? purpose)
    {
        var problems = purpose is null
            ? validator.ValidateCaBundle(secret.GetText(key)).Problems
            : validator.ValidateCredential(secret.Data[key], secret.Data[key.Replace(".crt", ".key", StringComparison.Ordinal)], purpose).Problems;
        Assert.False(problems.HasErrors(), string.Join("\n", problems));
        return [.. problems.Where(p => p.Code is ProblemCodes.ExpiringSoon or ProblemCodes.Expired)];
    }

    private static T Assembled<T>(LayoutResult<T> result)
        where T : class => result.Value ?? throw new Xunit.Sdk.XunitException("Not assembled: " + string.Join("\n", result.Problems));

    /// <summary>Hierarchies around the wall clock, made once per test run (keys come from the shared key cache).</summary>
    private sealed class WallClockPki
    {
        private static readonly Lazy<WallClockPki> s_instance = new(() => new WallClockPki());

        private WallClockPki()
        {
            // Whole seconds, so no certificate date is rounded across a window edge; every expiry is days from any edge.
            Now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            var serverHierarchy = TestHierarchy.LetsEncryptLike(Now); // intermediate: 730 days left; root: 15 years
            var clientHierarchy = TestHierarchy.LetsEncryptLike(Now, TestHierarchyOptions.Ecdsa with { IntermediateLifetime = TimeSpan.FromDays(765) });
            Server = serverHierarchy.Leaf(TestLeafSpec.Default with { KeyName = "gateway", NotBeforeOffset = TimeSpan.FromDays(-70) });
            Client = clientHierarchy.Leaf(TestLeafSpec.Default.ClientOnly() with { Host = "alb.example.org", KeyKind = TestKeyKind.EcdsaP256, KeyName = "alb", NotBeforeOffset = TimeSpan.FromDays(-30) });
            Store = TrustStore.Default.With([serverHierarchy.Root.Certificate, clientHierarchy.Root.Certificate]);
        }

        public static WallClockPki Instance => s_instance.Value;

        public static CredentialPurpose ServerPurpose => CredentialPurpose.Server(TestLeafSpec.DefaultHost);

        public DateTimeOffset Now { get; }

        /// <summary>The gateway's credential: 20 days left.</summary>
        public TestCredential Server { get; }

        /// <summary>The ALB's client credential: 60 days left; its intermediate 400 days.</summary>
        public TestCredential Client { get; }

        public TrustStore Store { get; }
    }
}
