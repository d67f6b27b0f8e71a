namespace Dashboard.Certificates.Validation;

/// <summary>What a certificate is used for in a TLS handshake.</summary>
public enum CertificateUse
{
    /// <summary>Presented by a TLS server (the gateway); needs serverAuth and covers the host names clients dial.</summary>
    ServerAuth,

    /// <summary>Presented by a TLS client (the ALB towards the gateway); needs clientAuth.</summary>
    ClientAuth,
}

/// <summary>The purpose a credential or chain is validated for.</summary>
/// <param name="Use">Server or client authentication.</param>
/// <param name="HostNames">For <see cref="CertificateUse.ServerAuth"/>: every host name the leaf must cover (empty: not checked).</param>
public sealed record CredentialPurpose(CertificateUse Use, IReadOnlyList<string> HostNames)
{
    /// <summary>A TLS server certificate that must cover <paramref name="hostNames"/>.</summary>
    public static CredentialPurpose Server(params string[] hostNames) => new(CertificateUse.ServerAuth, hostNames);

    /// <summary>A TLS client certificate.</summary>
    public static CredentialPurpose Client() => new(CertificateUse.ClientAuth, []);

    /// <summary>The EKU name the purpose needs: <c>serverAuth</c> or <c>clientAuth</c>.</summary>
    public string EkuName => Use == CertificateUse.ServerAuth ? "serverAuth" : "clientAuth";

    /// <inheritdoc />
    public override string ToString() =>
        Use == CertificateUse.ClientAuth ? "client authentication" : $"server authentication for {(HostNames.Count == 0 ? "any host" : string.Join(", ", HostNames))}";
}

/// <summary>Thresholds of validation.</summary>
public sealed record ValidationOptions
{
    /// <summary>The defaults: warn 30 days before expiry; chains of at most 10 certificates; CA bundles of at most 500.</summary>
    public static ValidationOptions Default { get; } = new();

    /// <summary>A certificate expiring within this window yields <c>CERT_EXPIRING_SOON</c>. IKS renews 37 days ahead, so 30 days means renewal is overdue.</summary>
    public TimeSpan ExpiryWarningWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The most certificates a credential's chain may hold (ingress-nginx caps verify depth at 10).</summary>
    public int MaxChainCertificates { get; init; } = 10;

    /// <summary>The most certificates a CA bundle may hold.</summary>
    public int MaxCaBundleCertificates { get; init; } = 500;

    /// <summary>A leaf valid for longer yields <c>CERT_VALIDITY_TOO_LONG</c> (CA/Browser Forum limit: 398 days).</summary>
    public TimeSpan MaxLeafValidity { get; init; } = TimeSpan.FromDays(398);
}
