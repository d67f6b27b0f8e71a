using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Certificates.Issuance;

/// <summary>Creates keys and the matching signature generators.</summary>
internal static class KeyFactory
{
    public static AsymmetricAlgorithm Create(KeyType type) => type switch
    {
        KeyType.EcdsaP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        KeyType.EcdsaP384 => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        KeyType.Rsa2048 => RSA.Create(2048),
        KeyType.Rsa3072 => RSA.Create(3072),
        KeyType.Rsa4096 => RSA.Create(4096),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown key type."),
    };

    public static X509SignatureGenerator SignatureGenerator(AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
        ECDsa ecdsa => X509SignatureGenerator.CreateForECDsa(ecdsa),
        _ => throw new NotSupportedException("Only RSA and ECDSA keys can sign."),
    };

    /// <summary>SHA-384 for P-384 (and larger) keys, SHA-256 otherwise, as public CAs do.</summary>
    public static HashAlgorithmName HashFor(AsymmetricAlgorithm signingKey) =>
        signingKey is ECDsa { KeySize: >= 384 } ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;

    public static PublicKey PublicKeyOf(AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => new PublicKey(rsa),
        ECDsa ecdsa => new PublicKey(ecdsa),
        _ => throw new NotSupportedException("Only RSA and ECDSA keys are supported."),
    };

    public static X509Certificate2 Attach(X509Certificate2 certificate, AsymmetricAlgorithm key)
    {
        using (certificate)
        {
            return key switch
            {
                RSA rsa => certificate.CopyWithPrivateKey(rsa),
                ECDsa ecdsa => certificate.CopyWithPrivateKey(ecdsa),
                _ => throw new NotSupportedException("Only RSA and ECDSA keys are supported."),
            };
        }
    }

    public static string ExportPkcs8Pem(AsymmetricAlgorithm key) => key.ExportPkcs8PrivateKeyPem() + "\n";

    /// <summary>A positive 128-bit random serial number (CA/Browser Forum asks for at least 64 random bits).</summary>
    public static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }
}
