using Dashboard.Certificates.Validation;

namespace Dashboard.Certificates.Layouts;

/// <summary>
/// The ALB's upstream-TLS secret: what the ALB presents to the gateway as its client certificate, and what it
/// verifies the gateway's server certificate with. Two flavours, same content, different key names.
/// </summary>
public static class AlbLayout
{
    /// <summary>The seed's secret name, in the gateway's namespace (istio-system).</summary>
    public const string DefaultSecretName = "alb-certs";

    /// <summary>
    /// ALB flavour <c>IbmIngress</c> (annotation <c>ingress.bluemix.net/ssl-services: ssl-service=... ssl-secret=alb-certs</c>),
    /// type <c>Opaque</c>: <c>trusted.crt</c> = the CA bundle that verifies the gateway's server certificate (the
    /// root its chain ends at, computed from the chain); <c>client.crt</c> = the ALB's client leaf followed by its
    /// intermediates; <c>client.key</c> = the ALB's private key. With <c>trusted.crt</c> alone the upstream is
    /// verified one way; <c>client.crt</c>/<c>client.key</c> add the client side of mutual TLS.
    /// </summary>
    /// <param name="albClient">The ALB's credential, validated for client authentication.</param>
    /// <param name="gatewayServerCa">The CA bundle that verifies the gateway's server chain.</param>
    public static LayoutResult<SecretLayout> AssembleIbmIngress(CredentialReport albClient, CaBundleReport gatewayServerCa) =>
        Assemble(albClient, gatewayServerCa, "trusted.crt", "client.crt", "client.key");

    /// <summary>
    /// ALB flavour <c>IngressNginx</c> (annotation <c>nginx.ingress.kubernetes.io/proxy-ssl-secret: "istio-system/alb-certs"</c>),
    /// type <c>Opaque</c>: <c>tls.crt</c> = the ALB's client leaf followed by its intermediates (nginx
    /// <c>proxy_ssl_certificate</c>); <c>tls.key</c> = its private key (<c>proxy_ssl_certificate_key</c>);
    /// <c>ca.crt</c> = the CA bundle that verifies the gateway's server certificate (<c>proxy_ssl_trusted_certificate</c>).
    /// </summary>
    /// <param name="albClient">The ALB's credential, validated for client authentication.</param>
    /// <param name="gatewayServerCa">The CA bundle that verifies the gateway's server chain.</param>
    public static LayoutResult<SecretLayout> AssembleIngressNginx(CredentialReport albClient, CaBundleReport gatewayServerCa) =>
        Assemble(albClient, gatewayServerCa, "ca.crt", "tls.crt", "tls.key");

    private static LayoutResult<SecretLayout> Assemble(CredentialReport albClient, CaBundleReport gatewayServerCa, string caKey, string certKey, string keyKey)
    {
        var problems = new List<CertificateProblem>();
        var credential = LayoutGuard.Credential(albClient, CertificateUse.ClientAuth, "ALB client credential", problems);
        var bundle = LayoutGuard.CaBundle(gatewayServerCa, "Gateway server CA bundle", problems);
        return LayoutGuard.Result(
            () => SecretLayout.Create(SecretTypes.Opaque, (caKey, bundle!.Pem), (certKey, credential!.ChainPem), (keyKey, credential.Key.ExportPem())),
            problems);
    }
}
