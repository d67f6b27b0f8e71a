using System.Security.Cryptography;

namespace Dashboard.Certificates.Inspection;

/// <summary>
/// Verifies a certificate's signature with an issuer's public key, for the algorithms public TLS uses
/// (RSA PKCS#1 v1.5 and ECDSA with SHA-2). Anything else returns null so callers fall back to <c>X509Chain</c>.
/// </summary>
internal static class SignatureVerifier
{
    /// <summary>The issuer's public key as a platform object, or null when it is not RSA/ECDSA or cannot be imported. Caller disposes.</summary>
    public static AsymmetricAlgorithm? ImportPublicKey(CertificateData issuer)
    {
        try
        {
            switch (issuer.PublicKey.Algorithm)
            {
                case KeyAlgorithm.Rsa:
                    var rsa = RSA.Create();
                    rsa.ImportSubjectPublicKeyInfo(issuer.SubjectPublicKeyInfo.Span, out _);
                    return rsa;
                case KeyAlgorithm.Ecdsa:
                    var ecdsa = ECDsa.Create();
                    ecdsa.ImportSubjectPublicKeyInfo(issuer.SubjectPublicKeyInfo.Span, out _);
                    return ecdsa;
                default:
                    return null;
            }
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>True or false when the algorithm is supported here; null when the caller must let the platform decide.</summary>
    public static bool? Verify(CertificateData subject, AsymmetricAlgorithm issuerKey)
    {
        if (!subject.SignatureAlgorithmsAgree)
        {
            return false;
        }

        var hash = HashFor(subject.SignatureAlgorithmOid);
        if (hash is null)
        {
            return null;
        }

        try
        {
            return (issuerKey, IsRsa(subject.SignatureAlgorithmOid)) switch
            {
                (RSA rsa, true) when IsNullOrAbsent(subject.SignatureAlgorithmParameters) =>
                    rsa.VerifyData(subject.Tbs.Span, subject.Signature, hash.Value, RSASignaturePadding.Pkcs1),
                (ECDsa ecdsa, false) when subject.SignatureAlgorithmParameters.IsEmpty =>
                    ecdsa.VerifyData(subject.Tbs.Span, subject.Signature, hash.Value, DSASignatureFormat.Rfc3279DerSequence),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>True for SHA-1 and MD5 signatures.</summary>
    public static bool IsWeak(string signatureOid) =>
        signatureOid is Oids.Sha1WithRsa or Oids.Md5WithRsa or Oids.EcdsaWithSha1;

    private static HashAlgorithmName? HashFor(string oid) => oid switch
    {
        Oids.Sha256WithRsa or Oids.EcdsaWithSha256 => HashAlgorithmName.SHA256,
        Oids.Sha384WithRsa or Oids.EcdsaWithSha384 => HashAlgorithmName.SHA384,
        Oids.Sha512WithRsa or Oids.EcdsaWithSha512 => HashAlgorithmName.SHA512,
        _ => null,
    };

    private static bool IsRsa(string oid) => oid is Oids.Sha256WithRsa or Oids.Sha384WithRsa or Oids.Sha512WithRsa;

    private static bool IsNullOrAbsent(ReadOnlyMemory<byte> parameters) =>
        parameters.IsEmpty || parameters.Span.SequenceEqual(stackalloc byte[] { 0x05, 0x00 });
}
