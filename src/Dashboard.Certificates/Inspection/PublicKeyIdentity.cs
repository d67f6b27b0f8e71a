using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Dashboard.Certificates.Inspection;

/// <summary>
/// The public half of a key, normalised for comparison: RSA modulus and exponent, or EC curve and point. This is
/// what OpenSSL compares when a TLS server loads a certificate with its key (<c>SSL_CTX_check_private_key</c>).
/// </summary>
internal sealed class PublicKeyIdentity
{
    private PublicKeyIdentity(KeyAlgorithm algorithm, string? curveOid, int keySize, byte[] first, byte[] second)
    {
        Algorithm = algorithm;
        CurveOid = curveOid;
        KeySize = keySize;
        First = first;
        Second = second;
    }

    public KeyAlgorithm Algorithm { get; }

    public string? CurveOid { get; }

    public int KeySize { get; }

    /// <summary>RSA: modulus; EC: the point (possibly compressed); other: the raw key bits.</summary>
    public byte[] First { get; }

    /// <summary>RSA: public exponent; otherwise empty.</summary>
    public byte[] Second { get; }

    /// <summary>True when the EC point is compressed and cannot be compared byte for byte.</summary>
    public bool IsCompressedPoint => Algorithm == KeyAlgorithm.Ecdsa && First.Length > 0 && First[0] != 0x04;

    public static PublicKeyIdentity Rsa(ReadOnlySpan<byte> modulus, ReadOnlySpan<byte> exponent)
    {
        var n = TrimLeadingZeros(modulus);
        return new(KeyAlgorithm.Rsa, null, BitLength(n), n.ToArray(), TrimLeadingZeros(exponent).ToArray());
    }

    public static PublicKeyIdentity Ec(string curveOid, ReadOnlySpan<byte> point) =>
        new(KeyAlgorithm.Ecdsa, curveOid, CurveSize(curveOid), point.ToArray(), []);

    /// <summary>Reads a DER SubjectPublicKeyInfo. Throws <see cref="AsnContentException"/> or <see cref="CryptographicException"/> when malformed.</summary>
    public static PublicKeyIdentity FromSubjectPublicKeyInfo(ReadOnlyMemory<byte> spki)
    {
        var reader = new AsnReader(spki, AsnEncodingRules.DER);
        var seq = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var algId = seq.ReadSequence();
        var oid = algId.ReadObjectIdentifier();
        var keyBits = seq.ReadBitString(out var unused);
        seq.ThrowIfNotEmpty();
        if (unused != 0)
        {
            throw new CryptographicException("The public key bit string has unused bits.");
        }

        switch (oid)
        {
            case Oids.RsaEncryption:
                {
                    var keyReader = new AsnReader(keyBits, AsnEncodingRules.DER);
                    var rsa = keyReader.ReadSequence();
                    keyReader.ThrowIfNotEmpty();
                    var n = rsa.ReadIntegerBytes().Span;
                    var e = rsa.ReadIntegerBytes().Span;
                    rsa.ThrowIfNotEmpty();
                    return Rsa(n, e);
                }

            case Oids.EcPublicKey:
                {
                    // Named curves only: explicit curve parameters are forbidden for TLS certificates (RFC 5480).
                    var curve = algId.HasData && algId.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier) ? algId.ReadObjectIdentifier() : "explicit";
                    return Ec(curve, keyBits);
                }

            default:
                var algorithm = oid switch
                {
                    Oids.Ed25519 => KeyAlgorithm.Ed25519,
                    Oids.Ed448 => KeyAlgorithm.Ed448,
                    Oids.Dsa => KeyAlgorithm.Dsa,
                    _ => KeyAlgorithm.Unknown,
                };
                var size = algorithm switch { KeyAlgorithm.Ed25519 => 256, KeyAlgorithm.Ed448 => 456, _ => keyBits.Length * 8 };
                return new(algorithm, oid, size, keyBits, []);
        }
    }

    /// <summary>Whether two identities denote the same public key. Compressed EC points are decompressed through the platform.</summary>
    public bool SameKeyAs(PublicKeyIdentity other)
    {
        if (Algorithm != other.Algorithm || CurveOid != other.CurveOid)
        {
            return false;
        }

        if (Algorithm == KeyAlgorithm.Ecdsa && (IsCompressedPoint || other.IsCompressedPoint))
        {
            return Uncompressed(this).AsSpan().SequenceEqual(Uncompressed(other));
        }

        return First.AsSpan().SequenceEqual(other.First) && Second.AsSpan().SequenceEqual(other.Second);
    }

    public static int CurveSize(string curveOid) => curveOid switch
    {
        Oids.CurveP256 => 256,
        Oids.CurveP384 => 384,
        Oids.CurveP521 => 521,
        _ => 0,
    };

    private static byte[] Uncompressed(PublicKeyIdentity identity)
    {
        if (!identity.IsCompressedPoint)
        {
            return identity.First;
        }

        try
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(Oids.EcPublicKey);
                    writer.WriteObjectIdentifier(identity.CurveOid!);
                }

                writer.WriteBitString(identity.First);
            }

            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(writer.Encode(), out _);
            var q = ecdsa.ExportParameters(false).Q;
            return [0x04, .. q.X!, .. q.Y!];
        }
        catch (CryptographicException)
        {
            return identity.First;
        }
    }

    private static ReadOnlySpan<byte> TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return value[start..];
    }

    private static int BitLength(ReadOnlySpan<byte> unsignedBigEndian)
    {
        if (unsignedBigEndian.IsEmpty || (unsignedBigEndian.Length == 1 && unsignedBigEndian[0] == 0))
        {
            return 0;
        }

        return ((unsignedBigEndian.Length - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)unsignedBigEndian[0]));
    }
}
