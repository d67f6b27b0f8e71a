using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Parsing;

namespace Dashboard.Certificates.Issuance;

/// <summary>
/// A certificate authority: a CA certificate with its key, able to issue intermediates and leaves. Used by the
/// <c>PrivateCa</c> profile and by the sandbox's Let's-Encrypt-like CA. Times come from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private readonly AsymmetricAlgorithm _key;
    private readonly TimeProvider _time;

    private CertificateAuthority(X509Certificate2 certificate, AsymmetricAlgorithm key, bool isRoot, string parentChainPem, string rootPem, TimeProvider time)
    {
        IsRoot = isRoot;
        Certificate = certificate;
        _key = key;
        _time = time;
        ParentChainPem = parentChainPem;
        RootPem = rootPem;
        Summary = CertificateSummary.From(certificate);
    }

    /// <summary>The CA certificate (carrying its key).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>What the CA certificate says about itself.</summary>
    public CertificateSummary Summary { get; }

    /// <summary>The CA certificate as PEM.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem() + "\n";

    /// <summary>The root at the top of this CA's hierarchy, as PEM (this CA itself when it is a root): the CA bundle peers trust.</summary>
    public string RootPem { get; }

    /// <summary>True when this CA is a self-signed root.</summary>
    public bool IsRoot { get; }

    /// <summary>The intermediates above this CA, excluding the root, as PEM (empty for a root or a root's direct intermediate).</summary>
    internal string ParentChainPem { get; }

    /// <summary>Creates a self-signed root CA (ECDSA P-256 unless <paramref name="options"/> say otherwise).</summary>
    public static CertificateAuthority CreateRoot(TimeProvider timeProvider, CaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new CaOptions();
        var key = KeyFactory.Create(options.KeyType);
        var subject = new X500DistinguishedName(options.SubjectName);
        var request = new CertificateRequest(subject, KeyFactory.PublicKeyOf(key), KeyFactory.HashFor(key));
        AddCaExtensions(request, options, options.PathLength, issuer: null);
        var notBefore = Truncate(timeProvider.GetUtcNow());
        var certificate = request.Create(subject, KeyFactory.SignatureGenerator(key), notBefore, notBefore + options.Lifetime, KeyFactory.NewSerialNumber());
        var withKey = KeyFactory.Attach(certificate, key);
        return new CertificateAuthority(withKey, key, true, "", withKey.ExportCertificatePem() + "\n", timeProvider);
    }

    /// <summary>
    /// Restores a CA from its certificate and private key PEM (as exported by <see cref="CertificatePem"/> and
    /// <see cref="ExportPrivateKeyPem"/>). For an intermediate, pass the root's PEM (and any intermediates above it).
    /// Throws <see cref="ArgumentException"/> naming the problem when the inputs are unusable; the message never contains key material.
    /// </summary>
    public static CertificateAuthority Load(string certificatePem, string privateKeyPem, TimeProvider timeProvider, string? rootPem = null, string? parentChainPem = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var certs = PemBundle.Parse(certificatePem);
        var keys = PemBundle.Parse(privateKeyPem);
        if (certs.Entries.Count != 1)
        {
            throw new ArgumentException($"The CA certificate PEM must hold exactly one certificate; it holds {certs.Entries.Count}. {string.Join(" ", certs.Problems.Select(p => p.Message))}", nameof(certificatePem));
        }

        if (keys.PrivateKeys.Count != 1)
        {
            throw new ArgumentException($"The CA key PEM must hold exactly one private key; it holds {keys.PrivateKeys.Count}. {string.Join(" ", keys.Problems.Select(p => p.Message))}", nameof(privateKeyPem));
        }

        var entry = certs.Entries[0];
        if (!entry.Summary.IsCertificateAuthority)
        {
            throw new ArgumentException($"{entry} is not a CA certificate.", nameof(certificatePem));
        }

        if (!keys.PrivateKeys[0].PublicKey.SameKeyAs(entry.Data.PublicKey))
        {
            throw new ArgumentException($"The private key does not belong to the CA certificate {entry}.", nameof(privateKeyPem));
        }

        var key = keys.PrivateKeys[0].CreateAlgorithm();
        var certificate = KeyFactory.Attach(X509CertificateLoader.LoadCertificate(entry.Der.Span), key);
        var selfRoot = entry.Summary.IsSelfSigned;
        return new CertificateAuthority(certificate, key, selfRoot, selfRoot ? "" : parentChainPem ?? "", selfRoot ? entry.ToPem() : rootPem ?? "", timeProvider);
    }

    /// <summary>The CA's private key as unencrypted PKCS#8 PEM. Handle as a secret.</summary>
    public string ExportPrivateKeyPem() => KeyFactory.ExportPkcs8Pem(_key);

    /// <summary>Issues an intermediate CA under this CA (path length 0 unless <paramref name="options"/> say otherwise).</summary>
    public CertificateAuthority IssueIntermediate(CaOptions? options = null)
    {
        options ??= new CaOptions { SubjectName = "CN=Dashboard Intermediate CA", Lifetime = TimeSpan.FromDays(1095) };
        var key = KeyFactory.Create(options.KeyType);
        var request = new CertificateRequest(new X500DistinguishedName(options.SubjectName), KeyFactory.PublicKeyOf(key), KeyFactory.HashFor(_key));
        AddCaExtensions(request, options, options.PathLength ?? 0, Certificate);
        var (notBefore, notAfter) = Window(null, null, options.Lifetime);
        var certificate = KeyFactory.Attach(request.Create(Certificate.SubjectName, KeyFactory.SignatureGenerator(_key), notBefore, notAfter, KeyFactory.NewSerialNumber()), key);
        var parents = IsRoot ? "" : CertificatePem + ParentChainPem;
        return new CertificateAuthority(certificate, key, false, parents, RootPem, _time);
    }

    /// <summary>Issues a leaf certificate with the SANs, EKUs, key type and validity window of <paramref name="request"/>.</summary>
    public IssuedCertificate Issue(LeafRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = KeyFactory.Create(request.KeyType);
        var commonName = request.CommonName ?? (request.DnsNames.Count > 0 ? request.DnsNames[0] : null);
        var subject = new X500DistinguishedNameBuilder();
        if (!string.IsNullOrEmpty(commonName))
        {
            subject.AddCommonName(commonName);
        }

        var csr = new CertificateRequest(subject.Build(), KeyFactory.PublicKeyOf(key), KeyFactory.HashFor(_key));
        csr.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        var usage = X509KeyUsageFlags.DigitalSignature | (key is RSA ? X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.None);
        csr.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        if (request.Usages != LeafUsages.None)
        {
            csr.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(EkuOids(request.Usages), false));
        }

        if (request.DnsNames.Count > 0 || request.IpAddresses.Count > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var dns in request.DnsNames)
            {
                san.AddDnsName(dns);
            }

            foreach (var ip in request.IpAddresses)
            {
                san.AddIpAddress(ip);
            }

            csr.CertificateExtensions.Add(san.Build());
        }

        csr.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(csr.PublicKey, false));
        csr.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var (notBefore, notAfter) = Window(request.NotBefore, request.NotAfter, request.Lifetime);
        var certificate = KeyFactory.Attach(csr.Create(Certificate.SubjectName, KeyFactory.SignatureGenerator(_key), notBefore, notAfter, KeyFactory.NewSerialNumber()), key);
        return new IssuedCertificate(certificate, key, IsRoot ? "" : CertificatePem + ParentChainPem);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }

    /// <summary>Subject and expiry; never key material.</summary>
    public override string ToString() => $"CA '{Summary.Subject}' (until {Summary.NotAfter:yyyy-MM-dd})";

    private static void AddCaExtensions(CertificateRequest request, CaOptions options, int? pathLength, X509Certificate2? issuer)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, pathLength.HasValue, pathLength ?? 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        if (options.ExtendedKeyUsages != LeafUsages.None)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(EkuOids(options.ExtendedKeyUsages), false));
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (issuer is not null)
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        }
    }

    private (DateTimeOffset NotBefore, DateTimeOffset NotAfter) Window(DateTimeOffset? notBefore, DateTimeOffset? notAfter, TimeSpan lifetime)
    {
        var start = Truncate(notBefore ?? _time.GetUtcNow());
        var end = Truncate(notAfter ?? start + lifetime);

        // A certificate outliving its issuer would be refused by strict verifiers once the issuer expires anyway.
        var issuerEnd = new DateTimeOffset(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        return (start, end > issuerEnd ? issuerEnd : end);
    }

    private static OidCollection EkuOids(LeafUsages usages)
    {
        var oids = new OidCollection();
        if (usages.HasFlag(LeafUsages.ServerAuth))
        {
            oids.Add(new Oid(Oids.ServerAuth));
        }

        if (usages.HasFlag(LeafUsages.ClientAuth))
        {
            oids.Add(new Oid(Oids.ClientAuth));
        }

        return oids;
    }

    // X.509 times have whole seconds; truncating keeps NotBefore/NotAfter equal to what the certificate says.
    private static DateTimeOffset Truncate(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
