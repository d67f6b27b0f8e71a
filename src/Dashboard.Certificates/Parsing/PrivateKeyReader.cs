using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using Dashboard.Certificates.Inspection;

namespace Dashboard.Certificates.Parsing;

/// <summary>
/// Decodes PKCS#8, PKCS#1 and SEC1 private keys with a managed ASN.1 reader. The public half is taken from the key
/// structure (RSA modulus and exponent; the EC point when present), which is what TLS servers compare with the
/// certificate; the RSA primes are checked against the modulus. Only a SEC1 key without its public point goes
/// through the platform, to derive the point.
/// </summary>
internal static class PrivateKeyReader
{
    public const string Pkcs8Label = "PRIVATE KEY";
    public const string Pkcs1Label = "RSA PRIVATE KEY";
    public const string Sec1Label = "EC PRIVATE KEY";
    public const string EncryptedPkcs8Label = "ENCRYPTED PRIVATE KEY";

    private static readonly Asn1Tag s_context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag s_context1 = new(TagClass.ContextSpecific, 1, isConstructed: true);

    public static bool IsKeyLabel(string label) =>
        label.EndsWith("PRIVATE KEY", StringComparison.Ordinal);

    /// <summary>Reads one key block; returns the key, or null and the problem that explains why not.</summary>
    public static PemPrivateKey? Read(string label, byte[] der, int blockNumber, out CertificateProblem? problem)
    {
        problem = null;
        try
        {
            switch (label)
            {
                case Pkcs8Label:
                    return ReadPkcs8(der, blockNumber, out problem);
                case Pkcs1Label:
                    return new PemPrivateKey(PrivateKeyFormat.Pkcs1, label, der, ReadRsa(der));
                case Sec1Label:
                    return new PemPrivateKey(PrivateKeyFormat.Sec1, label, der, ReadEc(der, null));
                case EncryptedPkcs8Label:
                    problem = ProblemCatalog.Create(ProblemCodes.KeyEncrypted, $"Private key block {blockNumber} is an encrypted PKCS#8 key (ENCRYPTED PRIVATE KEY); encrypted keys are not supported.");
                    return null;
                default:
                    problem = ProblemCatalog.Create(ProblemCodes.KeyUnsupportedAlgorithm, $"Private key block {blockNumber} is a '{label}', which is not supported; only RSA and ECDSA keys in PKCS#8, PKCS#1 or SEC1 form are.");
                    return null;
            }
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException or ArgumentException or OverflowException)
        {
            problem = ProblemCatalog.Create(ProblemCodes.KeyUnreadable, $"Private key block {blockNumber} ('{label}') cannot be decoded: {SafeReason(ex)}");
            return null;
        }
    }

    private static PemPrivateKey? ReadPkcs8(byte[] der, int blockNumber, out CertificateProblem? problem)
    {
        problem = null;
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var info = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var version = info.ReadInteger();
        if (version != 0 && version != 1)
        {
            throw new CryptographicException("unknown PKCS#8 version.");
        }

        var (oid, parameters) = X509Reader.ReadAlgorithmIdentifier(info);
        var inner = info.ReadOctetString();
        switch (oid)
        {
            case Oids.RsaEncryption:
                return new PemPrivateKey(PrivateKeyFormat.Pkcs8, Pkcs8Label, der, ReadRsa(inner));
            case Oids.EcPublicKey:
                var paramReader = new AsnReader(parameters, AsnEncodingRules.DER);
                var curve = paramReader.ReadObjectIdentifier();
                return new PemPrivateKey(PrivateKeyFormat.Pkcs8, Pkcs8Label, der, ReadEc(inner, curve));
            default:
                problem = ProblemCatalog.Create(ProblemCodes.KeyUnsupportedAlgorithm, $"Private key block {blockNumber} is a {Oids.FriendlyName(oid)} key; only RSA and ECDSA keys are supported.");
                return null;
        }
    }

    private static PublicKeyIdentity ReadRsa(ReadOnlyMemory<byte> der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var key = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        if (key.ReadInteger() != 0)
        {
            throw new CryptographicException("multi-prime RSA keys are not supported.");
        }

        var n = key.ReadIntegerBytes();
        var e = key.ReadIntegerBytes();
        key.ReadIntegerBytes(); // private exponent
        var p = key.ReadInteger();
        var q = key.ReadInteger();

        // A cheap consistency check (no primality test, no exponent arithmetic): primes that do not multiply to the
        // modulus mean a damaged or spliced key, which would pass a public-key comparison yet fail every handshake.
        if (p <= BigInteger.One || q <= BigInteger.One || p * q != new BigInteger(n.Span, isUnsigned: true, isBigEndian: true))
        {
            throw new CryptographicException("the RSA key's primes do not match its modulus.");
        }

        return PublicKeyIdentity.Rsa(n.Span, e.Span);
    }

    private static PublicKeyIdentity ReadEc(ReadOnlyMemory<byte> der, string? curveFromPkcs8)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var key = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        if (key.ReadInteger() != 1)
        {
            throw new CryptographicException("unknown EC private key version.");
        }

        var scalar = key.ReadOctetString();
        string? curve = null;
        byte[]? point = null;
        if (key.HasData && key.PeekTag().HasSameClassAndValue(s_context0))
        {
            var p = key.ReadSequence(s_context0);
            curve = p.ReadObjectIdentifier();
        }

        if (key.HasData && key.PeekTag().HasSameClassAndValue(s_context1))
        {
            var p = key.ReadSequence(s_context1);
            point = p.ReadBitString(out _);
        }

        curve ??= curveFromPkcs8 ?? throw new CryptographicException("the EC key does not name its curve.");
        if (curveFromPkcs8 is not null && curve != curveFromPkcs8)
        {
            throw new CryptographicException("the EC key names two different curves.");
        }

        if (PublicKeyIdentity.CurveSize(curve) == 0)
        {
            throw new CryptographicException($"the curve {curve} is not supported (use P-256, P-384 or P-521).");
        }

        return PublicKeyIdentity.Ec(curve, point ?? DerivePoint(curve, scalar));
    }

    private static byte[] DerivePoint(string curve, byte[] scalar)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportParameters(new ECParameters { Curve = ECCurve.CreateFromValue(curve), D = scalar });
        var q = ecdsa.ExportParameters(false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    // Decoder messages describe structure only; they never echo key bytes, but keep them short and generic anyway.
    private static string SafeReason(Exception ex) => ex is AsnContentException ? "the ASN.1 structure is invalid." : ex.Message;
}
