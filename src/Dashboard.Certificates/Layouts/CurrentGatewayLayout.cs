using Dashboard.Certificates.Validation;

namespace Dashboard.Certificates.Layouts;

/// <summary>Where the client CA bundle of a <c>credentialName</c> gateway goes.</summary>
public enum CaPlacement
{
    /// <summary>A separate secret <c>&lt;credentialName&gt;-cacert</c>; Istio looks there first. Leaves the server credential (often IKS-managed) untouched.</summary>
    SeparateSecret,

    /// <summary>In the credential secret itself, next to <c>tls.crt</c> and <c>tls.key</c>.</summary>
    SameSecret,
}

/// <summary>The data key of the client CA bundle; Istio reads either.</summary>
public enum CaKeyName
{
    /// <summary><c>ca.crt</c> (what the updated blog and cert-manager write).</summary>
    CaCrt,

    /// <summary><c>cacert</c> (Istio's generic-secret spelling).</summary>
    CaCert,
}

/// <summary>Choices of the <c>Current</c> gateway layout.</summary>
/// <param name="Placement">Where the CA bundle goes.</param>
/// <param name="KeyName">Its data key.</param>
public sealed record CurrentGatewayOptions(CaPlacement Placement = CaPlacement.SeparateSecret, CaKeyName KeyName = CaKeyName.CaCrt);

/// <summary>The secrets of a <c>credentialName</c> gateway.</summary>
/// <param name="CredentialName">The credential secret's name (the Gateway's <c>tls.credentialName</c>).</param>
/// <param name="Credential">The credential secret.</param>
/// <param name="CaSecretName">The name of the separate CA secret, or null when the CA sits in the credential secret.</param>
/// <param name="CaSecret">The separate CA secret, or null.</param>
public sealed record CurrentGatewaySecrets(string CredentialName, SecretLayout Credential, string? CaSecretName, SecretLayout? CaSecret);

/// <summary>
/// The layout Istio's SDS reads for a Gateway with <c>tls.mode: MUTUAL</c> and <c>credentialName</c> (Istio API
/// profile <c>Current</c>; hot-reloaded, no pod restart). The secrets live in the gateway workload's namespace
/// (istio-system). Istio resolves the client CA from <c>&lt;credentialName&gt;-cacert</c> first, then from the
/// credential secret itself, reading key <c>cacert</c> or <c>ca.crt</c>.
/// </summary>
public static class CurrentGatewayLayout
{
    /// <summary>The suffix Istio appends to a credential name to find a separate CA secret.</summary>
    public const string CaSecretSuffix = "-cacert";

    /// <summary>The name of the separate CA secret for <paramref name="credentialName"/>.</summary>
    public static string CaSecretName(string credentialName) => credentialName + CaSecretSuffix;

    /// <summary>The data key for <paramref name="keyName"/>.</summary>
    public static string KeyFor(CaKeyName keyName) => keyName == CaKeyName.CaCert ? "cacert" : "ca.crt";

    /// <summary>
    /// The credential secret, type <c>kubernetes.io/tls</c>: <c>tls.crt</c> = the gateway's leaf followed by its
    /// intermediates (what it serves; no root, which clients must already hold); <c>tls.key</c> = its private key;
    /// with <see cref="CaPlacement.SameSecret"/> also <c>ca.crt</c>/<c>cacert</c> = the CA bundle that verifies the
    /// ALB's client certificate. With <see cref="CaPlacement.SeparateSecret"/> that bundle goes to an <c>Opaque</c>
    /// secret <c>&lt;credentialName&gt;-cacert</c> under the same key instead.
    /// </summary>
    public static LayoutResult<CurrentGatewaySecrets> Assemble(string credentialName, CredentialReport gatewayServer, CaBundleReport clientCa, CurrentGatewayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credentialName);
        options ??= new CurrentGatewayOptions();
        var problems = new List<CertificateProblem>();
        LayoutGuard.SecretName(credentialName, problems);
        if (options.Placement == CaPlacement.SeparateSecret)
        {
            LayoutGuard.SecretName(CaSecretName(credentialName), problems);
        }

        var credential = LayoutGuard.Credential(gatewayServer, CertificateUse.ServerAuth, "Gateway server credential", problems);
        var bundle = LayoutGuard.CaBundle(clientCa, "Client CA bundle", problems);
        var caKey = KeyFor(options.KeyName);
        return LayoutGuard.Result(
            () =>
            {
                if (options.Placement == CaPlacement.SameSecret)
                {
                    var combined = SecretLayout.Create(SecretTypes.Tls, ("tls.crt", credential!.ChainPem), ("tls.key", credential.Key.ExportPem()), (caKey, bundle!.Pem));
                    return new CurrentGatewaySecrets(credentialName, combined, null, null);
                }

                var tls = SecretLayout.Create(SecretTypes.Tls, ("tls.crt", credential!.ChainPem), ("tls.key", credential.Key.ExportPem()));
                return new CurrentGatewaySecrets(credentialName, tls, CaSecretName(credentialName), SecretLayout.Create(SecretTypes.Opaque, (caKey, bundle!.Pem)));
            },
            problems);
    }

    /// <summary>
    /// Only the separate CA secret <c>&lt;credentialName&gt;-cacert</c> (type <c>Opaque</c>, one key: the CA bundle that
    /// verifies the ALB's client certificate), for when the credential secret itself is IKS-managed and must not be copied.
    /// </summary>
    public static LayoutResult<SecretLayout> AssembleCaSecret(string credentialName, CaBundleReport clientCa, CaKeyName keyName = CaKeyName.CaCrt)
    {
        ArgumentNullException.ThrowIfNull(credentialName);
        var problems = new List<CertificateProblem>();
        LayoutGuard.SecretName(CaSecretName(credentialName), problems);
        var bundle = LayoutGuard.CaBundle(clientCa, "Client CA bundle", problems);
        return LayoutGuard.Result(() => SecretLayout.Create(SecretTypes.Opaque, (KeyFor(keyName), bundle!.Pem)), problems);
    }
}
