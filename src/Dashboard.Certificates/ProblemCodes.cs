namespace Dashboard.Certificates;

/// <summary>
/// The stable problem codes of the certificate core. Each code is documented (meaning, severity, remedy) in
/// <c>docs/certificate-problems.md</c>; the UI links there, so codes are never renamed, only added.
/// </summary>
public static class ProblemCodes
{
    /// <summary>The input holds no data at all.</summary>
    public const string InputEmpty = "CERT_INPUT_EMPTY";

    /// <summary>The input is larger than a Kubernetes secret can hold (1 MiB).</summary>
    public const string InputTooLarge = "CERT_INPUT_TOO_LARGE";

    /// <summary>The input holds no PEM block (garbage, or not PEM text).</summary>
    public const string InputNotPem = "CERT_INPUT_NOT_PEM";

    /// <summary>The input is binary DER rather than PEM text.</summary>
    public const string InputDer = "CERT_INPUT_DER";

    /// <summary>The input is the base64 encoding of a PEM file (copied from a secret's data without decoding).</summary>
    public const string InputBase64Encoded = "CERT_INPUT_BASE64_ENCODED";

    /// <summary>A PEM block is broken: no END line, bad base64, or RFC 1421 headers.</summary>
    public const string PemMalformed = "CERT_PEM_MALFORMED";

    /// <summary>A PEM block of a kind this product does not use (a CSR, a CRL, a public key); it is ignored.</summary>
    public const string PemUnsupportedBlock = "CERT_PEM_UNSUPPORTED_BLOCK";

    /// <summary>A CERTIFICATE block whose content is not a readable X.509 certificate.</summary>
    public const string CertificateUnreadable = "CERT_CERTIFICATE_UNREADABLE";

    /// <summary>No certificate where one or more were expected.</summary>
    public const string CertificateMissing = "CERT_CERTIFICATE_MISSING";

    /// <summary>A private key inside input that should hold certificates only.</summary>
    public const string UnexpectedPrivateKey = "CERT_UNEXPECTED_PRIVATE_KEY";

    /// <summary>A certificate inside input that should hold a private key; it is ignored.</summary>
    public const string UnexpectedCertificate = "CERT_UNEXPECTED_CERTIFICATE";

    /// <summary>The same certificate appears more than once; the copies are dropped.</summary>
    public const string DuplicateCertificate = "CERT_DUPLICATE_CERTIFICATE";

    /// <summary>More certificates than a chain or bundle may hold.</summary>
    public const string TooManyCertificates = "CERT_TOO_MANY_CERTIFICATES";

    /// <summary>No private key where one was expected.</summary>
    public const string KeyMissing = "CERT_KEY_MISSING";

    /// <summary>A private key block that cannot be decoded.</summary>
    public const string KeyUnreadable = "CERT_KEY_UNREADABLE";

    /// <summary>An encrypted private key (encrypted PKCS#8 or a legacy encrypted PEM): unsupported.</summary>
    public const string KeyEncrypted = "CERT_KEY_ENCRYPTED";

    /// <summary>A private key of an algorithm other than RSA or ECDSA.</summary>
    public const string KeyUnsupportedAlgorithm = "CERT_KEY_UNSUPPORTED_ALGORITHM";

    /// <summary>More than one private key where exactly one was expected.</summary>
    public const string KeyMultiple = "CERT_KEY_MULTIPLE";

    /// <summary>The private key does not belong to any certificate of the bundle.</summary>
    public const string KeyMismatch = "CERT_KEY_MISMATCH";

    /// <summary>An RSA key shorter than 2048 bits (in the key or a certificate of the chain).</summary>
    public const string KeyWeak = "CERT_KEY_WEAK";

    /// <summary>The certificate the key belongs to is not the first in the bundle.</summary>
    public const string LeafNotFirst = "CERT_LEAF_NOT_FIRST";

    /// <summary>Intermediates are not in issuing order (leaf, its issuer, that issuer's issuer, ...).</summary>
    public const string ChainOutOfOrder = "CERT_CHAIN_OUT_OF_ORDER";

    /// <summary>An issuer is neither in the bundle nor a trusted root: an intermediate is missing.</summary>
    public const string ChainIncomplete = "CERT_CHAIN_INCOMPLETE";

    /// <summary>The chain ends at a root that is not trusted.</summary>
    public const string ChainUntrusted = "CERT_CHAIN_UNTRUSTED";

    /// <summary>A certificate in the bundle is not part of the chain; it is dropped from assembled secrets.</summary>
    public const string ChainUnusedCertificate = "CERT_CHAIN_UNUSED_CERTIFICATE";

    /// <summary>A signature in the chain does not verify.</summary>
    public const string SignatureInvalid = "CERT_SIGNATURE_INVALID";

    /// <summary>A certificate that issues another is not a CA (basic constraints, key usage or path length).</summary>
    public const string IssuerNotCa = "CERT_ISSUER_NOT_CA";

    /// <summary>The chain is invalid for another reason (name constraints, unsupported critical extension, ...).</summary>
    public const string ChainInvalid = "CERT_CHAIN_INVALID";

    /// <summary>A certificate of the chain has expired.</summary>
    public const string Expired = "CERT_EXPIRED";

    /// <summary>A certificate of the chain is not valid yet.</summary>
    public const string NotYetValid = "CERT_NOT_YET_VALID";

    /// <summary>A certificate of the chain expires within the warning window.</summary>
    public const string ExpiringSoon = "CERT_EXPIRING_SOON";

    /// <summary>A leaf certificate's validity period exceeds 398 days, which clients may refuse.</summary>
    public const string ValidityTooLong = "CERT_VALIDITY_TOO_LONG";

    /// <summary>DST Root CA X3 (expired 2021-09-30) is present; it is always reported as expired.</summary>
    public const string DstRootX3 = "CERT_DST_ROOT_X3";

    /// <summary>A certificate of the chain is signed with SHA-1 or MD5.</summary>
    public const string WeakSignature = "CERT_WEAK_SIGNATURE";

    /// <summary>An expected host name is not covered by the leaf's subject alternative names.</summary>
    public const string HostNotCovered = "CERT_HOST_NOT_COVERED";

    /// <summary>The server certificate has no subject alternative name extension.</summary>
    public const string NoSubjectAltName = "CERT_NO_SUBJECT_ALT_NAME";

    /// <summary>A server certificate (or its issuer) lacks the serverAuth extended key usage.</summary>
    public const string ServerAuthMissing = "CERT_SERVER_AUTH_MISSING";

    /// <summary>A client certificate (or its issuer) lacks the clientAuth extended key usage.</summary>
    public const string ClientAuthMissing = "CERT_CLIENT_AUTH_MISSING";

    /// <summary>The leaf's key usage does not allow TLS for the purpose.</summary>
    public const string KeyUsageIncompatible = "CERT_KEY_USAGE_INCOMPATIBLE";

    /// <summary>A certificate in a CA bundle is not a CA certificate.</summary>
    public const string CaNotCa = "CERT_CA_NOT_CA";

    /// <summary>A CA bundle holds no self-signed root; verifiers without partial-chain support will fail.</summary>
    public const string CaBundleNoRoot = "CERT_CA_BUNDLE_NO_ROOT";

    /// <summary>A layout was given an input validated for another purpose.</summary>
    public const string LayoutWrongPurpose = "CERT_LAYOUT_WRONG_PURPOSE";

    /// <summary>A secret data key or file name is not a valid Kubernetes secret key.</summary>
    public const string LayoutInvalidKeyName = "CERT_LAYOUT_INVALID_KEY_NAME";

    /// <summary>A secret name is not a valid Kubernetes object name.</summary>
    public const string LayoutInvalidSecretName = "CERT_LAYOUT_INVALID_SECRET_NAME";

    /// <summary>A layout was given a report whose content disagrees with its verdict (not the report of a successful validation).</summary>
    public const string LayoutUnvalidatedInput = "CERT_LAYOUT_UNVALIDATED_INPUT";

    /// <summary>Every code with its default severity, a one-line meaning and the usual remedy.</summary>
    public static IReadOnlyList<ProblemCodeInfo> All => ProblemCatalog.Entries;

    /// <summary>The catalogue entry of a code, or null for an unknown code.</summary>
    public static ProblemCodeInfo? Describe(string code) => ProblemCatalog.Find(code);
}

/// <summary>Documentation of one problem code.</summary>
/// <param name="Code">The stable code.</param>
/// <param name="DefaultSeverity">The severity it is usually raised with (DST Root CA X3 is a warning when the certificate is unused).</param>
/// <param name="Meaning">One sentence: what the code means.</param>
/// <param name="Remedy">The usual fix.</param>
public sealed record ProblemCodeInfo(string Code, ProblemSeverity DefaultSeverity, string Meaning, string Remedy);
