using Dashboard.Certificates.Layouts;
using Dashboard.Certificates.Parsing;
using Dashboard.Certificates.Validation;
using Dashboard.Testing.Certificates;

namespace Dashboard.Certificates.Tests;

/// <summary>Key material never reaches a message, a ToString or a report's printed form.</summary>
public sealed class SecretLeakTests
{
    /// <summary>A distinctive slice of a PEM's base64 body.</summary>
    public static string Body(string pem) => pem.Split('\n')[2][..40];

    public static TheoryData<TestKeyFormat> Formats => [TestKeyFormat.Pkcs1, TestKeyFormat.Pkcs8, TestKeyFormat.EncryptedPkcs8];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Reports_ForBadAndGoodCredentials_NeverContainTheKey(TestKeyFormat format)
    {
        var credential = Pki.Rsa.Leaf();
        var key = credential.KeyPem(format);
        var validator = Pki.Validator();

        var reports = new object[]
        {
            validator.ValidateCredential(credential.ChainPem, key, Pki.Server),
            validator.ValidateCredential(credential.ChainPem + key, key, Pki.Server),
            validator.ValidateCredential(key, credential.ChainPem, Pki.Server),
            validator.ValidateCredential(Pki.Foreign.Leaf().ChainPem, key, CredentialPurpose.Client()),
            validator.ValidateCaBundle(key + credential.Root.Pem),
            PemBundle.Parse(key),
        };

        foreach (var report in reports)
        {
            var text = report.ToString() + string.Join("\n", Problems(report));
            Assert.DoesNotContain(Body(key), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LayoutResultAndKey_ToString_HideKeyMaterial()
    {
        var report = LayoutFixture.Server();
        var result = LegacyGatewayLayout.AssembleCerts(report);
        var key = report.Key!.ExportPem();

        Assert.DoesNotContain(Body(key), result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Body(key), report.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Body(key), report.Credential!.ToString(), StringComparison.Ordinal);
        Assert.Contains(Body(key), result.Value!.GetText("tls.key"), StringComparison.Ordinal);
    }

    private static IEnumerable<CertificateProblem> Problems(object report) => report switch
    {
        CredentialReport r => r.Problems,
        CaBundleReport r => r.Problems,
        PemBundle b => b.Problems,
        _ => [],
    };
}
