using System.Text;

namespace Dashboard.Core.Probes;

/// <summary>
/// A client certificate for mutual TLS as PEM: the certificate bundle (leaf first or anywhere, then its intermediates,
/// as in a <c>tls.crt</c>) and the unencrypted private key (PKCS#8, PKCS#1 RSA or SEC1 EC).
/// </summary>
/// <remarks>Printing the record (ToString, logging, debugger display) never shows the key.</remarks>
/// <param name="CertificatePem">The certificate bundle.</param>
/// <param name="PrivateKeyPem">The private key of the leaf certificate.</param>
public sealed record ProbeClientCredential(string CertificatePem, string PrivateKeyPem)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("CertificatePem = (").Append(CertificatePem?.Length ?? 0).Append(" chars), PrivateKeyPem = [redacted]");
        return true;
    }
}
