using System.Security.Cryptography;
using Dashboard.Core.Probes;

namespace Dashboard.Core.Tests.Probes;

/// <summary>Bad PEM from the caller is a result, not an exception, and nothing goes on the wire.</summary>
public sealed class ProbeCredentialTests
{
    private readonly ProbePki _pki = new();

    [Fact]
    public async Task ProbeAsync_KeyOfAnotherCertificate_IsClientCredentialInvalidWithoutConnecting()
    {
        var credential = new ProbeClientCredential(_pki.Client.CertificatePem, _pki.RogueClient.KeyPem);

        var (result, server) = await ProbeAsync(credential);

        var failure = AssertInvalid(result, ProbeFailureReason.ClientCredentialInvalid);
        Assert.Contains("belongs to none of the 2 certificates", failure.Message);
        Assert.Contains("CN=alb-client", failure.Message);
        Assert.Equal(0, server);
    }

    [Fact]
    public async Task ProbeAsync_SingleCertificateWithWrongKey_NamesTheCertificateAndItsFingerprint()
    {
        var credential = new ProbeClientCredential(_pki.RogueClient.CertificatePem, _pki.Client.KeyPem);

        var (result, _) = await ProbeAsync(credential);

        var failure = AssertInvalid(result, ProbeFailureReason.ClientCredentialInvalid);
        Assert.Contains("does not belong to the client certificate 'CN=rogue-client'", failure.Message);
        Assert.Contains(Convert.ToHexString(SHA256.HashData(_pki.RogueClient.Certificate.RawData)), failure.Message);
    }

    [Fact]
    public async Task ProbeAsync_EncryptedKey_AsksForTheDecryptedKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var encrypted = key.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000));

        var (result, _) = await ProbeAsync(new ProbeClientCredential(_pki.Client.CertificatePem, encrypted));

        Assert.Contains("encrypted", AssertInvalid(result, ProbeFailureReason.ClientCredentialInvalid).Message);
    }

    [Theory]
    [InlineData("not a pem at all", "is not PEM")]
    [InlineData("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n", "no well-formed CERTIFICATE block")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAECAwQ=\n-----END CERTIFICATE-----\n", "not a valid X.509 certificate")]
    public async Task ProbeAsync_MalformedCertificatePem_SaysWhatIsWrong(string certificatePem, string expected)
    {
        var (result, _) = await ProbeAsync(new ProbeClientCredential(certificatePem, _pki.Client.KeyPem));

        Assert.Contains(expected, AssertInvalid(result, ProbeFailureReason.ClientCredentialInvalid).Message);
    }

    [Fact]
    public async Task ProbeAsync_CertificateGivenAsKey_SaysThereIsNoPrivateKey()
    {
        var (result, _) = await ProbeAsync(new ProbeClientCredential(_pki.Client.CertificatePem, _pki.Client.CertificatePem));

        Assert.Contains("no well-formed PRIVATE KEY block", AssertInvalid(result, ProbeFailureReason.ClientCredentialInvalid).Message);
    }

    [Fact]
    public async Task ProbeAsync_MalformedTrustBundle_IsTrustedCaBundleInvalidWithoutConnecting()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server);
        var (probe, _) = ProbeKit.Create();

        var result = await probe.ProbeAsync(ProbeKit.Request(server.Port, "/", _pki) with { TrustedCaBundlePem = "ca.crt" }, ProbeKit.Deadline());

        Assert.Contains("trusted CA bundle is not PEM", AssertInvalid(result, ProbeFailureReason.TrustedCaBundleInvalid).Message);
        Assert.Equal(0, server.TlsConnections);
    }

    [Fact]
    public async Task ProbeAsync_InvalidCredential_MessageNeverContainsKeyMaterial()
    {
        var keyBody = KeyBody(_pki.RogueClient.KeyPem);
        var (result, _) = await ProbeAsync(new ProbeClientCredential(_pki.Client.CertificatePem, _pki.RogueClient.KeyPem));

        var failure = AssertInvalid(result, ProbeFailureReason.ClientCredentialInvalid);
        Assert.DoesNotContain(keyBody[..40], failure.Message + failure.Remedy + result);
        Assert.DoesNotContain("PRIVATE KEY-----", failure.Message);
    }

    internal static string KeyBody(string keyPem) =>
        string.Concat(keyPem.Split('\n').Where(line => !line.StartsWith("-----", StringComparison.Ordinal)));

    private async Task<(ProbeResult Result, int TlsConnections)> ProbeAsync(ProbeClientCredential credential)
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server, ClientCertificates.Required, _pki.ClientRoot);
        var (probe, _) = ProbeKit.Create();
        var result = await probe.ProbeAsync(ProbeKit.Request(server.Port, "/status/418", _pki) with { ClientCredential = credential }, ProbeKit.Deadline());
        return (result, server.TlsConnections);
    }

    private static ProbeFailure AssertInvalid(ProbeResult result, ProbeFailureReason reason)
    {
        Assert.False(result.Succeeded);
        Assert.NotNull(result.Failure);
        Assert.True(reason == result.Failure.Reason, $"expected {reason}, got {result.Failure.Reason}: {result.Failure.Message}");
        Assert.Equal(ProbeStage.Preparing, result.Failure.Stage);
        Assert.Null(result.Timings.Connect);
        Assert.Null(result.Timings.DnsLookup);
        Assert.Null(result.RemoteEndPoint);
        return result.Failure;
    }
}
