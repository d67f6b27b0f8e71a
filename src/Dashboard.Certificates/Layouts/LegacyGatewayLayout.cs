using Dashboard.Certificates.Validation;

namespace Dashboard.Certificates.Layouts;

/// <summary>The two secrets of the seed's file-mounted gateway (Istio API profile <c>Legacy</c>).</summary>
/// <param name="Certs">For <see cref="LegacyGatewayLayout.CertsSecretName"/>.</param>
/// <param name="CaCerts">For <see cref="LegacyGatewayLayout.CaCertsSecretName"/>.</param>
public sealed record LegacyGatewaySecrets(SecretLayout Certs, SecretLayout CaCerts);

/// <summary>
/// The seed's layout for a file-mounted Istio ingress gateway. The legacy gateway chart mounts
/// <c>istio-ingressgateway-certs</c> at <c>/etc/istio/ingressgateway-certs</c> and <c>istio-ingressgateway-ca-certs</c>
/// at <c>/etc/istio/ingressgateway-ca-certs</c>; the Gateway's <c>serverCertificate</c>, <c>privateKey</c> and
/// <c>caCertificates</c> point at files in them. The names are fixed by the chart and must be exactly these.
/// </summary>
public static class LegacyGatewayLayout
{
    /// <summary>The secret holding the gateway's server certificate and key (type <c>kubernetes.io/tls</c>).</summary>
    public const string CertsSecretName = "istio-ingressgateway-certs";

    /// <summary>The secret holding the CA bundle the gateway verifies client certificates with (type <c>Opaque</c>).</summary>
    public const string CaCertsSecretName = "istio-ingressgateway-ca-certs";

    /// <summary>The default file name of the client CA bundle in <see cref="CaCertsSecretName"/> (the seed used <c>trustid-x3-root.pem</c>).</summary>
    public const string DefaultCaFileName = "client-ca-bundle.pem";

    /// <summary>Both secrets; nothing when either input has an error.</summary>
    /// <param name="gatewayServer">The gateway's credential, validated for server authentication.</param>
    /// <param name="clientCa">The CA bundle that verifies the ALB's client certificate.</param>
    /// <param name="caFileName">The file name of the bundle inside <see cref="CaCertsSecretName"/>; the Gateway's <c>caCertificates</c> must name it.</param>
    public static LayoutResult<LegacyGatewaySecrets> Assemble(CredentialReport gatewayServer, CaBundleReport clientCa, string caFileName = DefaultCaFileName)
    {
        var certs = AssembleCerts(gatewayServer);
        var caCerts = AssembleCaCerts(clientCa, caFileName);
        var problems = certs.Problems.Concat(caCerts.Problems).ToList();
        return certs.Value is { } c && caCerts.Value is { } ca ? new(new LegacyGatewaySecrets(c, ca), problems) : new(null, problems);
    }

    /// <summary>
    /// <c>istio-ingressgateway-certs</c>, type <c>kubernetes.io/tls</c>:
    /// <c>tls.key</c> = the gateway's private key (as found in its source: PKCS#1, PKCS#8 or SEC1);
    /// <c>tls.crt</c> = leaf, intermediates, then the issuing root, exactly the seed's <c>trusted.crt</c>
    /// (<c>cat tls.crt root.pem</c>) except that the root is the one the chain really ends at, taken from the trust
    /// store, instead of the expired DST Root CA X3.
    /// </summary>
    public static LayoutResult<SecretLayout> AssembleCerts(CredentialReport gatewayServer)
    {
        var problems = new List<CertificateProblem>();
        var credential = LayoutGuard.Credential(gatewayServer, CertificateUse.ServerAuth, "Gateway server credential", problems);
        return LayoutGuard.Result(
            () => SecretLayout.Create(SecretTypes.Tls, ("tls.crt", credential!.ChainWithRootPem), ("tls.key", credential.Key.ExportPem())),
            problems);
    }

    /// <summary>
    /// <c>istio-ingressgateway-ca-certs</c>, type <c>Opaque</c>: one key, <paramref name="caFileName"/> = the CA
    /// bundle (PEM, de-duplicated) that verifies the ALB's client certificate; the gateway reads it as
    /// <c>/etc/istio/ingressgateway-ca-certs/&lt;caFileName&gt;</c>.
    /// </summary>
    public static LayoutResult<SecretLayout> AssembleCaCerts(CaBundleReport clientCa, string caFileName = DefaultCaFileName)
    {
        var problems = new List<CertificateProblem>();
        LayoutGuard.KeyName(caFileName, problems);
        var bundle = LayoutGuard.CaBundle(clientCa, "Client CA bundle", problems);
        return LayoutGuard.Result(() => SecretLayout.Create(SecretTypes.Opaque, (caFileName, bundle!.Pem)), problems);
    }
}
