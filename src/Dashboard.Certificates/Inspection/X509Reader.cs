using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Certificates.Inspection;

/// <summary>
/// A strict, managed reader of DER X.509 certificates (RFC 5280 §4.1), built on <see cref="AsnReader"/>. It decodes
/// the fields the core needs; the extension values are decoded by the framework's own extension types.
/// </summary>
internal static class X509Reader
{
    private static readonly Asn1Tag s_versionTag = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag s_extensionsTag = new(TagClass.ContextSpecific, 3, isConstructed: true);

    private static readonly HashSet<string> s_commonCritical =
        [Oids.BasicConstraints, Oids.KeyUsage, Oids.ExtendedKeyUsage, Oids.SubjectAltName];

    private const int CacheCapacity = 256;

    // Intermediates repeat across thousands of secrets (Let's Encrypt has a handful); the same DER always decodes to
    // the same immutable result, so CA certificates are kept by fingerprint. Leaves are unique and never cached.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CertificateData> s_caCache = new(StringComparer.Ordinal);

    /// <summary>Decodes a certificate; on failure returns null and a reason fit for a problem message.</summary>
    public static CertificateData? TryRead(byte[] der, out string? error)
    {
        try
        {
            error = null;
            var fingerprint = Convert.ToHexString(SHA256.HashData(der));
            if (s_caCache.TryGetValue(fingerprint, out var cached))
            {
                return cached;
            }

            var data = Read(der);
            if (data.IsCa == true)
            {
                if (s_caCache.Count >= CacheCapacity)
                {
                    s_caCache.Clear();
                }

                s_caCache.TryAdd(fingerprint, data);
            }

            return data;
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException or ArgumentException or OverflowException or FormatException)
        {
            error = ex.Message;
            return null;
        }
    }

    /// <summary>Decodes a certificate. Throws <see cref="CryptographicException"/> when the DER is not a valid certificate.</summary>
    public static CertificateData Read(byte[] der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var cert = outer.ReadSequence();
        outer.ThrowIfNotEmpty();

        var tbsEncoded = cert.PeekEncodedValue();
        var tbs = cert.ReadSequence();
        var signatureAlgorithm = cert.PeekEncodedValue();
        var (sigOid, sigParams) = ReadAlgorithmIdentifier(cert);
        var signature = cert.ReadBitString(out var unusedBits);
        cert.ThrowIfNotEmpty();
        if (unusedBits != 0)
        {
            throw new CryptographicException("The signature bit string has unused bits.");
        }

        var version = 1;
        if (tbs.PeekTag().HasSameClassAndValue(s_versionTag))
        {
            var versionReader = tbs.ReadSequence(s_versionTag);
            version = (int)versionReader.ReadInteger() + 1;
            versionReader.ThrowIfNotEmpty();
        }

        var serial = tbs.ReadIntegerBytes();
        var tbsSignatureAlgorithm = tbs.ReadEncodedValue();
        var issuer = ReadName(tbs);
        var validity = tbs.ReadSequence();
        var notBefore = ReadTime(validity);
        var notAfter = ReadTime(validity);
        validity.ThrowIfNotEmpty();
        var subject = ReadName(tbs);
        var spki = tbs.ReadEncodedValue();
        var publicKey = PublicKeyIdentity.FromSubjectPublicKeyInfo(spki);

        var extensions = new List<(string Oid, bool Critical, byte[] Value)>();
        while (tbs.HasData)
        {
            if (tbs.PeekTag().HasSameClassAndValue(s_extensionsTag))
            {
                var wrapper = tbs.ReadSequence(s_extensionsTag);
                var list = wrapper.ReadSequence();
                wrapper.ThrowIfNotEmpty();
                while (list.HasData)
                {
                    var ext = list.ReadSequence();
                    var oid = ext.ReadObjectIdentifier();
                    var critical = ext.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && ext.ReadBoolean();
                    var value = ext.ReadOctetString();
                    ext.ThrowIfNotEmpty();
                    extensions.Add((oid, critical, value));
                }
            }
            else
            {
                tbs.ReadEncodedValue(); // issuerUniqueID / subjectUniqueID: obsolete, carried but unused.
            }
        }

        if (new HashSet<string>(extensions.Select(e => e.Oid), StringComparer.Ordinal).Count != extensions.Count)
        {
            throw new CryptographicException("The certificate repeats an extension (RFC 5280 §4.2 forbids it).");
        }

        X509BasicConstraintsExtension? basic = null;
        X509KeyUsageFlags? keyUsage = null;
        List<string>? ekus = null;
        var dnsNames = new List<string>();
        var ips = new List<IPAddress>();
        var hasSan = false;
        byte[]? ski = null;
        byte[]? aki = null;
        foreach (var (oid, critical, value) in extensions)
        {
            switch (oid)
            {
                case Oids.BasicConstraints:
                    basic = new X509BasicConstraintsExtension(new AsnEncodedData(oid, value), critical);
                    _ = basic.CertificateAuthority; // decode now, so a malformed value fails here
                    break;
                case Oids.KeyUsage:
                    keyUsage = new X509KeyUsageExtension(new AsnEncodedData(oid, value), critical).KeyUsages;
                    break;
                case Oids.ExtendedKeyUsage:
                    ekus = [.. new X509EnhancedKeyUsageExtension(new AsnEncodedData(oid, value), critical).EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value ?? "")];
                    break;
                case Oids.SubjectAltName:
                    hasSan = true;
                    var san = new X509SubjectAlternativeNameExtension(value, critical);
                    dnsNames.AddRange(san.EnumerateDnsNames());
                    ips.AddRange(san.EnumerateIPAddresses());
                    break;
                case Oids.SubjectKeyIdentifier:
                    ski = new X509SubjectKeyIdentifierExtension(new AsnEncodedData(oid, value), critical).SubjectKeyIdentifierBytes.ToArray();
                    break;
                case Oids.AuthorityKeyIdentifier:
                    aki = new X509AuthorityKeyIdentifierExtension(value, critical).KeyIdentifier?.ToArray();
                    break;
                default:
                    break;
            }
        }

        return new CertificateData(der)
        {
            Tbs = tbsEncoded,
            SignatureAlgorithmOid = sigOid,
            SignatureAlgorithmParameters = sigParams,
            SignatureAlgorithmsAgree = signatureAlgorithm.Span.SequenceEqual(tbsSignatureAlgorithm.Span),
            Signature = signature,
            Version = version,
            SerialNumber = Convert.ToHexString(serial.Span),
            IssuerRaw = issuer,
            SubjectRaw = subject,
            Issuer = new X500DistinguishedName(issuer.Span).Name,
            Subject = new X500DistinguishedName(subject.Span).Name,
            NotBefore = notBefore,
            NotAfter = notAfter,
            SubjectPublicKeyInfo = spki,
            PublicKey = publicKey,
            IsCa = basic?.CertificateAuthority,
            PathLength = basic is { HasPathLengthConstraint: true } ? basic.PathLengthConstraint : null,
            KeyUsage = keyUsage,
            ExtendedKeyUsages = ekus,
            HasSubjectAltName = hasSan,
            DnsNames = dnsNames,
            IpAddresses = ips,
            SubjectKeyId = ski,
            AuthorityKeyId = aki,
            HasNameConstraints = extensions.Any(e => e.Oid == Oids.NameConstraints),
            UnusualCriticalExtensions = [.. extensions.Where(e => e.Critical && !s_commonCritical.Contains(e.Oid)).Select(e => e.Oid)],
        };
    }

    internal static (string Oid, ReadOnlyMemory<byte> Parameters) ReadAlgorithmIdentifier(AsnReader reader)
    {
        var seq = reader.ReadSequence();
        var oid = seq.ReadObjectIdentifier();
        var parameters = seq.HasData ? seq.ReadEncodedValue() : ReadOnlyMemory<byte>.Empty;
        seq.ThrowIfNotEmpty();
        return (oid, parameters);
    }

    private static ReadOnlyMemory<byte> ReadName(AsnReader reader)
    {
        if (!reader.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            throw new CryptographicException("A distinguished name is not a SEQUENCE.");
        }

        return reader.ReadEncodedValue();
    }

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
