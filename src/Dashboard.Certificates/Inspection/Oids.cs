namespace Dashboard.Certificates.Inspection;

/// <summary>Object identifiers the certificate core reads and writes.</summary>
public static class Oids
{
    /// <summary>Extended key usage id-kp-serverAuth: TLS server authentication.</summary>
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    /// <summary>Extended key usage id-kp-clientAuth: TLS client authentication.</summary>
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary>Extended key usage anyExtendedKeyUsage. OpenSSL does not accept it in place of serverAuth or clientAuth, and neither does this core.</summary>
    public const string AnyExtendedKeyUsage = "2.5.29.37.0";

    internal const string BasicConstraints = "2.5.29.19";
    internal const string KeyUsage = "2.5.29.15";
    internal const string ExtendedKeyUsage = "2.5.29.37";
    internal const string SubjectAltName = "2.5.29.17";
    internal const string SubjectKeyIdentifier = "2.5.29.14";
    internal const string AuthorityKeyIdentifier = "2.5.29.35";
    internal const string NameConstraints = "2.5.29.30";

    internal const string RsaEncryption = "1.2.840.113549.1.1.1";
    internal const string RsaPss = "1.2.840.113549.1.1.10";
    internal const string EcPublicKey = "1.2.840.10045.2.1";
    internal const string Ed25519 = "1.3.101.112";
    internal const string Ed448 = "1.3.101.113";
    internal const string Dsa = "1.2.840.10040.4.1";

    internal const string CurveP256 = "1.2.840.10045.3.1.7";
    internal const string CurveP384 = "1.3.132.0.34";
    internal const string CurveP521 = "1.3.132.0.35";

    internal const string Md5WithRsa = "1.2.840.113549.1.1.4";
    internal const string Sha1WithRsa = "1.2.840.113549.1.1.5";
    internal const string Sha256WithRsa = "1.2.840.113549.1.1.11";
    internal const string Sha384WithRsa = "1.2.840.113549.1.1.12";
    internal const string Sha512WithRsa = "1.2.840.113549.1.1.13";
    internal const string EcdsaWithSha1 = "1.2.840.10045.4.1";
    internal const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    internal const string EcdsaWithSha384 = "1.2.840.10045.4.3.3";
    internal const string EcdsaWithSha512 = "1.2.840.10045.4.3.4";

    /// <summary>A readable name for a well-known OID, or the OID itself.</summary>
    public static string FriendlyName(string oid) => oid switch
    {
        ServerAuth => "serverAuth",
        ClientAuth => "clientAuth",
        AnyExtendedKeyUsage => "anyExtendedKeyUsage",
        "1.3.6.1.5.5.7.3.3" => "codeSigning",
        "1.3.6.1.5.5.7.3.4" => "emailProtection",
        "1.3.6.1.5.5.7.3.8" => "timeStamping",
        "1.3.6.1.5.5.7.3.9" => "OCSPSigning",
        Md5WithRsa => "md5WithRSAEncryption",
        Sha1WithRsa => "sha1WithRSAEncryption",
        Sha256WithRsa => "sha256WithRSAEncryption",
        Sha384WithRsa => "sha384WithRSAEncryption",
        Sha512WithRsa => "sha512WithRSAEncryption",
        RsaPss => "rsassaPss",
        EcdsaWithSha1 => "ecdsa-with-SHA1",
        EcdsaWithSha256 => "ecdsa-with-SHA256",
        EcdsaWithSha384 => "ecdsa-with-SHA384",
        EcdsaWithSha512 => "ecdsa-with-SHA512",
        Ed25519 => "Ed25519",
        Ed448 => "Ed448",
        CurveP256 => "P-256",
        CurveP384 => "P-384",
        CurveP521 => "P-521",
        _ => oid,
    };
}

/// <summary>The public key algorithm of a certificate or private key.</summary>
public enum KeyAlgorithm
{
    /// <summary>An algorithm this core does not recognise.</summary>
    Unknown,

    /// <summary>RSA.</summary>
    Rsa,

    /// <summary>ECDSA on a named curve.</summary>
    Ecdsa,

    /// <summary>Ed25519 (recognised, not supported for keys).</summary>
    Ed25519,

    /// <summary>Ed448 (recognised, not supported for keys).</summary>
    Ed448,

    /// <summary>DSA (recognised, not supported for keys).</summary>
    Dsa,
}
