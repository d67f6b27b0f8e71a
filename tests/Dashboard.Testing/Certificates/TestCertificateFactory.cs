using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Testing.Certificates;

/// <summary>
/// Makes certificates with <see cref="CertificateRequest"/> directly. It deliberately shares no code with the
/// product's issuance, so a bug there cannot be cancelled out by the same bug here.
/// </summary>
public static class TestCertificateFactory
{
    private static int s_serial = 0x1000;

    /// <summary>A self-signed root CA.</summary>
    public static TestCertificate SelfSignedCa(string subject, AsymmetricAlgorithm key, DateTimeOffset notBefore, DateTimeOffset notAfter, int? pathLength = null)
    {
        var request = Request(subject, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, pathLength.HasValue, pathLength ?? 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return Sign(request, request.SubjectName, key, key, notBefore, notAfter);
    }

    /// <summary>An intermediate CA signed by <paramref name="issuer"/>.</summary>
    public static TestCertificate Ca(string subject, AsymmetricAlgorithm key, TestCertificate issuer, DateTimeOffset notBefore, DateTimeOffset notAfter, int? pathLength = 0, params string[] ekus)
    {
        var request = Request(subject, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, pathLength.HasValue, pathLength ?? 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        if (ekus.Length > 0)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([.. ekus.Select(e => new Oid(e))], false));
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, true, false));
        return Sign(request, issuer.Certificate.SubjectName, issuer.Key, key, notBefore, notAfter);
    }

    /// <summary>A leaf signed by <paramref name="issuer"/>, shaped by <paramref name="spec"/>.</summary>
    public static TestCertificate Leaf(TestCertificate issuer, TestLeafSpec spec, DateTimeOffset now, AsymmetricAlgorithm? key = null)
    {
        key ??= TestKeys.Get(spec.KeyKind, spec.KeyName);
        var names = spec.EffectiveDnsNames;
        var request = Request(names.Count > 0 ? "CN=" + names[0] : "CN=" + spec.Host, key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(spec.CertificateAuthority, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(spec.KeyUsage, true));
        if (spec.WithEku)
        {
            var ekus = new OidCollection();
            if (spec.ServerAuth)
            {
                ekus.Add(new Oid("1.3.6.1.5.5.7.3.1"));
            }

            if (spec.ClientAuth)
            {
                ekus.Add(new Oid("1.3.6.1.5.5.7.3.2"));
            }

            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(ekus, false));
        }

        if (names.Count > 0 || spec.IpAddresses.Count > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var name in names)
            {
                san.AddDnsName(name);
            }

            foreach (var ip in spec.IpAddresses)
            {
                san.AddIpAddress(ip);
            }

            request.CertificateExtensions.Add(san.Build());
        }

        foreach (var extension in spec.ExtraExtensions)
        {
            request.CertificateExtensions.Add(extension);
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, true, false));
        var notBefore = now + spec.NotBeforeOffset;
        return Sign(request, issuer.Certificate.SubjectName, issuer.Key, key, notBefore, notBefore + spec.Lifetime, spec.SignatureHash);
    }

    /// <summary>The same certificate with one byte of its signature flipped.</summary>
    public static byte[] WithCorruptSignature(byte[] der)
    {
        var copy = (byte[])der.Clone();
        copy[^5] ^= 0x5A;
        return copy;
    }

    /// <summary>DER to PEM.</summary>
    public static string ToPem(byte[] der) => PemEncoding.WriteString("CERTIFICATE", der) + "\n";

    private static CertificateRequest Request(string subject, AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        ECDsa ecdsa => new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256),
        _ => throw new ArgumentException("RSA or ECDSA only."),
    };

    /// <summary>A leaf with explicit validity dates (for absurd periods).</summary>
    public static TestCertificate LeafWithDates(TestCertificate issuer, TestLeafSpec spec, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var key = TestKeys.Get(spec.KeyKind, spec.KeyName);
        var shifted = Leaf(issuer, spec, notBefore - spec.NotBeforeOffset, key);
        var request = new CertificateRequest(shifted.Certificate.SubjectName, shifted.Certificate.PublicKey, HashAlgorithmName.SHA256);
        foreach (var extension in shifted.Certificate.Extensions)
        {
            request.CertificateExtensions.Add(extension);
        }

        return Sign(request, issuer.Certificate.SubjectName, issuer.Key, key, notBefore, notAfter);
    }

    private static TestCertificate Sign(CertificateRequest request, X500DistinguishedName issuerName, AsymmetricAlgorithm issuerKey, AsymmetricAlgorithm subjectKey, DateTimeOffset notBefore, DateTimeOffset notAfter, HashAlgorithmName? hashOverride = null)
    {
        X509SignatureGenerator generator = (issuerKey, hashOverride?.Name) switch
        {
            (RSA rsa, "SHA1") => new Sha1RsaSignatureGenerator(rsa),
            (RSA rsa, _) => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
            (ECDsa ecdsa, _) => X509SignatureGenerator.CreateForECDsa(ecdsa),
            _ => throw new ArgumentException("RSA or ECDSA only."),
        };
        if (hashOverride == HashAlgorithmName.SHA1)
        {
            hashOverride = HashAlgorithmName.SHA256; // the generator signs with SHA-1 whatever the request says
        }

        var hash = hashOverride ?? (issuerKey is ECDsa { KeySize: >= 384 } ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256);
        var signed = new CertificateRequest(request.SubjectName, request.PublicKey, hash);
        foreach (var extension in request.CertificateExtensions)
        {
            signed.CertificateExtensions.Add(extension);
        }

        var serial = BitConverter.GetBytes(Interlocked.Increment(ref s_serial)).Reverse().Prepend((byte)0x01).ToArray();
        var certificate = signed.Create(issuerName, generator, notBefore, notAfter, serial);
        return new TestCertificate(certificate, subjectKey);
    }
}

/// <summary>sha1WithRSAEncryption, which CertificateRequest no longer offers: for weak-signature test cases only.</summary>
internal sealed class Sha1RsaSignatureGenerator(RSA key) : X509SignatureGenerator
{
    public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm) =>
        [0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x05, 0x05, 0x00];

    public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) =>
#pragma warning disable CA5350 // deliberately weak: the product must flag it
        key.SignData(data, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);
#pragma warning restore CA5350

    protected override PublicKey BuildPublicKey() => new(key);
}
