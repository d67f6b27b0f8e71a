using Dashboard.Certificates.Layouts;
using Dashboard.Certificates.Parsing;
using Dashboard.Certificates.Validation;
using static Dashboard.Certificates.Tests.LayoutFixture;

namespace Dashboard.Certificates.Tests;

public sealed class LayoutTests
{
    public static IEnumerable<string> CoveredCodes => [ProblemCodes.LayoutWrongPurpose, ProblemCodes.LayoutInvalidKeyName, ProblemCodes.LayoutInvalidSecretName];

    [Fact]
    public void Legacy_ValidInputs_ProduceSeedSecretsThatValidateBack()
    {
        var result = LegacyGatewayLayout.Assemble(Server(), ClientCa(), "client-ca.pem");

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var (certs, caCerts) = (result.Value!.Certs, result.Value.CaCerts);
        Assert.Equal(SecretTypes.Tls, certs.Type);
        Assert.Equal(["tls.crt", "tls.key"], certs.Data.Keys.Order());
        Assert.Equal(ServerCredential.ChainWithRootPem, certs.GetText("tls.crt"));
        Assert.Equal(SecretTypes.Opaque, caCerts.Type);
        Assert.Equal(["client-ca.pem"], caCerts.Data.Keys);

        var back = Validator.ValidateCredential(certs.Data["tls.crt"], certs.Data["tls.key"], Pki.Server);
        Assert.True(back.IsValid, string.Join("\n", back.Problems));
        Assert.Equal(3, PemBundle.Parse(certs.Data["tls.crt"]).Entries.Count);
        Assert.True(Validator.VerifyWithCaBundle(caCerts.GetText("client-ca.pem"), ClientCredential.ChainPem, CredentialPurpose.Client()).IsValid);
    }

    [Theory]
    [InlineData(CaPlacement.SeparateSecret, CaKeyName.CaCrt, "ca.crt")]
    [InlineData(CaPlacement.SeparateSecret, CaKeyName.CaCert, "cacert")]
    [InlineData(CaPlacement.SameSecret, CaKeyName.CaCrt, "ca.crt")]
    [InlineData(CaPlacement.SameSecret, CaKeyName.CaCert, "cacert")]
    public void Current_EachPlacement_PutsTheClientCaWhereIstioLooks(CaPlacement placement, CaKeyName keyName, string caKey)
    {
        var result = CurrentGatewayLayout.Assemble("httpbin-credential", Server(), ClientCa(), new CurrentGatewayOptions(placement, keyName));

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var secrets = result.Value!;
        Assert.Equal(SecretTypes.Tls, secrets.Credential.Type);
        Assert.Equal(ServerCredential.ChainPem, secrets.Credential.GetText("tls.crt"));
        var caSecret = placement == CaPlacement.SameSecret ? secrets.Credential : secrets.CaSecret!;
        if (placement == CaPlacement.SeparateSecret)
        {
            Assert.Equal("httpbin-credential-cacert", secrets.CaSecretName);
            Assert.Equal(SecretTypes.Opaque, caSecret.Type);
            Assert.Equal([caKey], caSecret.Data.Keys);
        }
        else
        {
            Assert.Null(secrets.CaSecret);
            Assert.Equal(new[] { "tls.crt", "tls.key", caKey }.Order(StringComparer.Ordinal), secrets.Credential.Data.Keys.Order(StringComparer.Ordinal));
        }

        Assert.True(Validator.ValidateCredential(secrets.Credential.Data["tls.crt"], secrets.Credential.Data["tls.key"], Pki.Server).IsValid);
        Assert.True(Validator.VerifyWithCaBundle(caSecret.GetText(caKey), ClientCredential.ChainPem, CredentialPurpose.Client()).IsValid);
    }

    [Fact]
    public void CurrentCaSecret_Alone_IsTheCacertSecret()
    {
        var result = CurrentGatewayLayout.AssembleCaSecret("nlb-secret", ClientCa(), CaKeyName.CaCert);

        Assert.True(result.Succeeded);
        Assert.Equal(ClientCredential.RootPem, result.Value!.GetText("cacert"));
    }

    [Fact]
    public void IbmIngress_ValidInputs_CarryTrustedCrtClientCrtClientKey()
    {
        var result = AlbLayout.AssembleIbmIngress(Client(), ServerCa());

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var secret = result.Value!;
        Assert.Equal(SecretTypes.Opaque, secret.Type);
        Assert.Equal(["client.crt", "client.key", "trusted.crt"], secret.Data.Keys.Order(StringComparer.Ordinal));
        Assert.True(Validator.ValidateCredential(secret.Data["client.crt"], secret.Data["client.key"], CredentialPurpose.Client()).IsValid);
        Assert.True(Validator.VerifyWithCaBundle(secret.GetText("trusted.crt"), ServerCredential.ChainPem, Pki.Server).IsValid);
    }

    [Fact]
    public void IngressNginx_ValidInputs_CarryTlsCrtTlsKeyCaCrt()
    {
        var result = AlbLayout.AssembleIngressNginx(Client(), ServerCa());

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var secret = result.Value!;
        Assert.Equal(["ca.crt", "tls.crt", "tls.key"], secret.Data.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ClientCredential.ChainPem, secret.GetText("tls.crt"));
        Assert.True(Validator.ValidateCredential(secret.Data["tls.crt"], secret.Data["tls.key"], CredentialPurpose.Client()).IsValid);
        Assert.True(Validator.VerifyWithCaBundle(secret.GetText("ca.crt"), ServerCredential.ChainPem, Pki.Server).IsValid);
    }

    [Fact]
    public void Assemble_InvalidCredential_ReturnsItsProblemsAndNoSecret()
    {
        var expired = Pki.Rsa.Leaf(Testing.Certificates.TestLeafSpec.Default.Expired());
        var report = Validator.ValidateCredential(expired.ChainPem, expired.KeyPem(), Pki.Server);

        var legacy = LegacyGatewayLayout.Assemble(report, ClientCa());
        var current = CurrentGatewayLayout.Assemble("gw", report, ClientCa());

        Assert.Null(legacy.Value);
        Assert.Null(current.Value);
        Assert.Contains(legacy.Problems, p => p.Code == ProblemCodes.Expired && p.Message.StartsWith("Gateway server credential:", StringComparison.Ordinal));
    }

    [Fact]
    public void Assemble_ServerCredentialAsAlbClient_IsWrongPurpose()
    {
        var result = AlbLayout.AssembleIngressNginx(Server(), ServerCa());

        Assert.Null(result.Value);
        Assert.Contains(result.Problems, p => p.Code == ProblemCodes.LayoutWrongPurpose);
    }

    [Fact]
    public void Assemble_InvalidCaBundle_ReturnsNoSecret()
    {
        var result = AlbLayout.AssembleIbmIngress(Client(), Validator.ValidateCaBundle(ServerCredential.Leaf.Pem));

        Assert.Null(result.Value);
        Assert.Contains(result.Problems, p => p.Code == ProblemCodes.CaNotCa);
    }

    [Theory]
    [InlineData("bad/name.pem")]
    [InlineData("")]
    [InlineData("..")]
    public void LegacyCaCerts_InvalidFileName_IsRefused(string fileName)
    {
        var result = LegacyGatewayLayout.AssembleCaCerts(ClientCa(), fileName);

        Assert.Null(result.Value);
        Assert.Contains(result.Problems, p => p.Code == ProblemCodes.LayoutInvalidKeyName);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("-dash")]
    [InlineData("under_score")]
    public void Current_InvalidCredentialName_IsRefused(string name)
    {
        var result = CurrentGatewayLayout.Assemble(name, Server(), ClientCa());

        Assert.Null(result.Value);
        Assert.Contains(result.Problems, p => p.Code == ProblemCodes.LayoutInvalidSecretName);
    }

    [Fact]
    public void SecretLayout_ToString_ShowsKeysNotValues()
    {
        var secret = AlbLayout.AssembleIngressNginx(Client(), ServerCa()).Value!;

        var text = secret.ToString();

        Assert.Contains("tls.key", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("MII", text, StringComparison.Ordinal);
    }
}
