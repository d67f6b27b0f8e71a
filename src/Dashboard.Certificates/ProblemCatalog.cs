using static Dashboard.Certificates.ProblemCodes;
using static Dashboard.Certificates.ProblemSeverity;

namespace Dashboard.Certificates;

/// <summary>The meaning and usual remedy of every code; problems are raised through <see cref="Create"/>.</summary>
internal static class ProblemCatalog
{
    public static readonly IReadOnlyList<ProblemCodeInfo> Entries =
    [
        new(InputEmpty, Error, "The input holds no data.", "Provide the PEM text (the decoded value of the secret key, not its base64 form)."),
        new(InputTooLarge, Error, "The input is larger than 1 MiB, the most a Kubernetes secret can hold.", "Provide only the certificate chain or key, not a whole file system or archive."),
        new(InputNotPem, Error, "The input holds no PEM block.", "Provide PEM text: blocks that start with '-----BEGIN CERTIFICATE-----' (or the BEGIN line of a private key)."),
        new(InputDer, Error, "The input is binary DER, not PEM text.", "Convert it: 'openssl x509 -inform der -in cert.der -out cert.pem' (or 'openssl pkey -inform der' for a key)."),
        new(InputBase64Encoded, Error, "The input is the base64 encoding of a PEM file, as found in a secret's data.", "Decode it first: 'kubectl get secret NAME -o jsonpath={.data.tls\\.crt} | base64 -d'."),
        new(PemMalformed, Error, "A PEM block is damaged: its END line is missing, its base64 is truncated, or it carries headers.", "Copy the block again in full, from '-----BEGIN' to the matching '-----END' line."),
        new(PemUnsupportedBlock, Warning, "A PEM block of a kind not used here (a CSR, CRL or public key) was ignored.", "Remove the block, or check that the right file was chosen."),
        new(CertificateUnreadable, Error, "A CERTIFICATE block does not hold a readable X.509 certificate.", "Export the certificate again; check with 'openssl x509 -in cert.pem -noout -text'."),
        new(CertificateMissing, Error, "No certificate was found where one was expected.", "Provide the certificate chain (leaf first, then intermediates) as PEM."),
        new(UnexpectedPrivateKey, Error, "A private key was found in input that must hold certificates only.", "Remove the private key block: certificate bundles are often published, keys must never be."),
        new(UnexpectedCertificate, Warning, "A certificate was found in the private key input; it was ignored.", "Provide the key and the certificate chain separately."),
        new(DuplicateCertificate, Warning, "The same certificate appears more than once; the copies were dropped.", "Remove the duplicate blocks."),
        new(TooManyCertificates, Error, "The bundle holds more certificates than a chain or CA bundle may hold.", "Provide only the leaf and its intermediates (a chain is rarely longer than four certificates)."),
        new(KeyMissing, Error, "No private key was found.", "Provide the PEM private key that belongs to the leaf certificate."),
        new(KeyUnreadable, Error, "A private key block cannot be decoded.", "Export the key again; check it with 'openssl pkey -in key.pem -noout'."),
        new(KeyEncrypted, Error, "The private key is encrypted with a passphrase; encrypted keys are not supported.", "Decrypt it: 'openssl pkey -in encrypted.pem -out key.pem' (enter the passphrase), then store it in a secret."),
        new(KeyUnsupportedAlgorithm, Error, "The private key is neither RSA nor ECDSA.", "Use an RSA (2048 bits or more) or ECDSA (P-256 or P-384) key."),
        new(KeyMultiple, Error, "More than one private key was found.", "Provide exactly one private key: the one that belongs to the leaf certificate."),
        new(KeyMismatch, Error, "The private key does not belong to any certificate of the bundle.", "Take the key and the certificate from the same source secret (its tls.key and tls.crt)."),
        new(KeyWeak, Error, "An RSA key is shorter than 2048 bits.", "Issue a new certificate with an RSA key of at least 2048 bits, or an ECDSA key."),
        new(LeafNotFirst, Error, "The certificate the key belongs to is not first in the bundle; TLS servers send the first certificate as their own.", "Put the leaf certificate first, followed by its intermediates."),
        new(ChainOutOfOrder, Warning, "The intermediates are not in issuing order; strict clients may fail to build the chain.", "Order the bundle: leaf, its issuer, that issuer's issuer. Assembled secrets are written in the right order."),
        new(ChainIncomplete, Error, "An issuer is neither in the bundle nor a trusted root: an intermediate is missing.", "Append the missing intermediate certificate (the source's full chain) after the leaf."),
        new(ChainUntrusted, Error, "The chain ends at a root that is not trusted.", "Use a certificate from a trusted CA, or add the CA's root to the trust store or CA bundle on purpose."),
        new(ChainUnusedCertificate, Warning, "A certificate in the bundle is not part of the chain; it is left out of assembled secrets.", "Remove the certificate from the bundle."),
        new(SignatureInvalid, Error, "A signature in the chain does not verify: a certificate was altered or paired with the wrong issuer.", "Take the chain again from its source, unmodified."),
        new(IssuerNotCa, Error, "A certificate that issues another is not allowed to act as a CA.", "Use the real issuing CA certificate; a leaf cannot sign other certificates."),
        new(ChainInvalid, Error, "The chain is invalid (name constraints, an unsupported critical extension or a loop).", "Obtain a certificate from a CA whose chain validates with 'openssl verify'."),
        new(Expired, Error, "A certificate of the chain has expired.", "Renew the certificate (for IKS: 'ibmcloud ks nlb-dns secret regenerate'), then re-sync the derived secrets."),
        new(NotYetValid, Error, "A certificate of the chain is not valid yet.", "Check the clock of the issuing system, or wait until the certificate's not-before time."),
        new(ExpiringSoon, Warning, "A certificate of the chain expires soon.", "Renew it now; IKS renews its certificates 37 days before expiry, so a later date means renewal failed."),
        new(ValidityTooLong, Warning, "A leaf certificate is valid for more than 398 days, which many TLS clients refuse.", "Issue the certificate with a lifetime of at most 398 days (90 days or less is usual)."),
        new(DstRootX3, Error, "DST Root CA X3 expired on 2021-09-30 and no longer anchors any chain.", "Remove it and use ISRG Root X1 (or X2) as the CA bundle, computed from the chain."),
        new(WeakSignature, Warning, "A certificate is signed with SHA-1 or MD5, which modern TLS stacks refuse.", "Re-issue the certificate with a SHA-256 (or stronger) signature."),
        new(HostNotCovered, Error, "A host name is not covered by the certificate's subject alternative names.", "Issue the certificate for that host name (or a matching wildcard), or use the host name it was issued for."),
        new(NoSubjectAltName, Error, "The server certificate has no subject alternative names; clients ignore the common name.", "Issue a certificate that lists its host names as DNS subject alternative names."),
        new(ServerAuthMissing, Error, "The certificate is used as a TLS server certificate but is not allowed for serverAuth.", "Use a certificate whose extended key usage includes serverAuth."),
        new(ClientAuthMissing, Error, "The certificate is used as a TLS client certificate but is not allowed for clientAuth; Let's Encrypt stopped issuing clientAuth in 2026.", "Use the PrivateCa profile: the dashboard's own CA issues the ALB client certificate with clientAuth."),
        new(KeyUsageIncompatible, Error, "The leaf's key usage does not permit TLS for this purpose.", "Issue the certificate with key usage digitalSignature (and keyEncipherment for RSA server keys)."),
        new(CaNotCa, Error, "A certificate in a CA bundle is not a CA certificate.", "Put only CA certificates (roots, optionally intermediates) into a CA bundle."),
        new(CaBundleNoRoot, Warning, "The CA bundle holds no self-signed root; Envoy and OpenSSL need the root to complete a chain.", "Add the issuing root (for Let's Encrypt: ISRG Root X1 or X2)."),
        new(LayoutWrongPurpose, Error, "A secret layout was given a credential validated for another purpose.", "Validate the credential for the purpose the layout needs (server for the gateway, client for the ALB)."),
        new(LayoutInvalidKeyName, Error, "A secret data key or file name is not valid in Kubernetes.", "Use letters, digits, '-', '_' and '.' only, at most 253 characters."),
        new(LayoutInvalidSecretName, Error, "A secret name is not a valid Kubernetes object name.", "Use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters."),
        new(LayoutUnvalidatedInput, Error, "A secret layout was given a report that does not come from a successful validation, or whose content disagrees with its verdict.", "Validate the input again with the certificate validator and pass its report unchanged; if this persists, report it as a bug."),
    ];

    private static readonly Dictionary<string, ProblemCodeInfo> s_byCode = Entries.ToDictionary(e => e.Code, StringComparer.Ordinal);

    public static ProblemCodeInfo? Find(string code) => s_byCode.GetValueOrDefault(code);

    /// <summary>A problem with the code's default severity and remedy unless overridden.</summary>
    public static CertificateProblem Create(string code, string message, string? remedy = null, ProblemSeverity? severity = null)
    {
        var info = s_byCode[code];
        return new CertificateProblem(code, severity ?? info.DefaultSeverity, message, remedy ?? info.Remedy);
    }
}
