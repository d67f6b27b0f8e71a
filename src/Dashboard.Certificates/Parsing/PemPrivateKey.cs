using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Certificates.Inspection;

namespace Dashboard.Certificates.Parsing;

/// <summary>The encoding a private key was found in.</summary>
public enum PrivateKeyFormat
{
    /// <summary>PKCS#8 <c>PRIVATE KEY</c> (RSA or ECDSA).</summary>
    Pkcs8,

    /// <summary>PKCS#1 <c>RSA PRIVATE KEY</c>.</summary>
    Pkcs1,

    /// <summary>SEC1 <c>EC PRIVATE KEY</c>.</summary>
    Sec1,
}

/// <summary>
/// A decoded private key. Its <see cref="ToString"/> never reveals key material; the PEM leaves this object only
/// through the explicit <see cref="ExportPem"/> and <see cref="ExportPkcs8Pem"/> calls, which assemblers use to
/// fill secret data.
/// </summary>
public sealed class PemPrivateKey
{
    private readonly byte[] _der;
    private readonly string _label;

    internal PemPrivateKey(PrivateKeyFormat format, string label, byte[] der, PublicKeyIdentity publicKey)
    {
        Format = format;
        _label = label;
        _der = der;
        PublicKey = publicKey;
    }

    /// <summary>The key algorithm (<see cref="KeyAlgorithm.Rsa"/> or <see cref="KeyAlgorithm.Ecdsa"/>).</summary>
    public KeyAlgorithm Algorithm => PublicKey.Algorithm;

    /// <summary>The encoding the key was read from.</summary>
    public PrivateKeyFormat Format { get; }

    /// <summary>Key size in bits.</summary>
    public int KeySize => PublicKey.KeySize;

    /// <summary>The curve (<c>P-256</c>, <c>P-384</c>) of an ECDSA key, otherwise null.</summary>
    public string? CurveName => PublicKey.CurveOid is { } oid ? Oids.FriendlyName(oid) : null;

    internal PublicKeyIdentity PublicKey { get; }

    /// <summary>The key as PEM, in the encoding it was read from, with LF line endings and a final newline.</summary>
    public string ExportPem() => PemEncoding.WriteString(_label, _der) + "\n";

    /// <summary>The key as an unencrypted PKCS#8 <c>PRIVATE KEY</c> PEM.</summary>
    public string ExportPkcs8Pem() => PemEncoding.WriteString("PRIVATE KEY", ToPkcs8()) + "\n";

    /// <summary>The key as a platform object (<see cref="RSA"/> or <see cref="ECDsa"/>); the caller disposes it.</summary>
    public AsymmetricAlgorithm CreateAlgorithm()
    {
        AsymmetricAlgorithm algorithm = Algorithm == KeyAlgorithm.Rsa ? RSA.Create() : ECDsa.Create();
        try
        {
            algorithm.ImportPkcs8PrivateKey(ToPkcs8(), out _);
            return algorithm;
        }
        catch
        {
            algorithm.Dispose();
            throw;
        }
    }

    /// <summary>A copy of <paramref name="certificate"/> that carries this key (for TLS listeners and clients).</summary>
    public X509Certificate2 AttachTo(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var algorithm = CreateAlgorithm();
        return algorithm switch
        {
            RSA rsa => certificate.CopyWithPrivateKey(rsa),
            ECDsa ecdsa => certificate.CopyWithPrivateKey(ecdsa),
            _ => throw new NotSupportedException("Only RSA and ECDSA keys are supported."),
        };
    }

    /// <summary>True when this key belongs to <paramref name="certificate"/> (same public key).</summary>
    public bool Matches(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return PublicKey.SameKeyAs(PublicKeyIdentity.FromSubjectPublicKeyInfo(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>A description without key material, e.g. <c>RSA 2048-bit private key (Pkcs1)</c>.</summary>
    public override string ToString() =>
        $"{Algorithm} {(CurveName is null ? KeySize + "-bit" : CurveName)} private key ({Format})";

    private byte[] ToPkcs8()
    {
        if (Format == PrivateKeyFormat.Pkcs8)
        {
            return _der;
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            using (writer.PushSequence())
            {
                if (Format == PrivateKeyFormat.Pkcs1)
                {
                    writer.WriteObjectIdentifier(Oids.RsaEncryption);
                    writer.WriteNull();
                }
                else
                {
                    writer.WriteObjectIdentifier(Oids.EcPublicKey);
                    writer.WriteObjectIdentifier(PublicKey.CurveOid!);
                }
            }

            writer.WriteOctetString(_der);
        }

        return writer.Encode();
    }
}
