using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Core.Probes;

/// <summary>
/// PEM parsing for the probe, on the BCL alone. Kept small and internal so it can be swapped for the certificate core
/// (Dashboard.Certificates) once that exists. Error texts name the problem and the fix, and never echo PEM content.
/// </summary>
internal static class ProbePem
{
    private static readonly string[] s_keyLabels = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];

    /// <summary>Parses every CERTIFICATE block; <paramref name="error"/> explains a bundle that is unusable.</summary>
    public static X509Certificate2Collection? ReadCertificates(string pem, string what, out string? error)
    {
        var certificates = new X509Certificate2Collection();
        var index = 0;
        foreach (var (label, data) in EnumerateBlocks(pem))
        {
            index++;
            if (label != "CERTIFICATE")
            {
                continue;
            }

            try
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(data));
            }
            catch (CryptographicException)
            {
                DisposeAll(certificates);
                error = $"PEM block #{index} of the {what} is not a valid X.509 certificate.";
                return null;
            }
        }

        if (certificates.Count == 0)
        {
            error = pem.Contains("-----BEGIN", StringComparison.Ordinal)
                ? $"The {what} has no well-formed CERTIFICATE block (check the BEGIN/END lines and the base64)."
                : $"The {what} is not PEM: it has no -----BEGIN CERTIFICATE----- block.";
            return null;
        }

        error = null;
        return certificates;
    }

    /// <summary>
    /// Loads the client certificate whose public key matches the key, with the other certificates of the bundle as its
    /// intermediates. Returns <see langword="null"/> and an error when the credential cannot be used.
    /// </summary>
    public static ProbeClientMaterial? ReadClientCredential(ProbeClientCredential credential, out string? error)
    {
        var certificates = ReadCertificates(credential.CertificatePem ?? "", "client certificate bundle", out error);
        if (certificates is null)
        {
            return null;
        }

        var keyBlock = FindKeyBlock(credential.PrivateKeyPem ?? "", out error);
        if (keyBlock is null)
        {
            DisposeAll(certificates);
            return null;
        }

        foreach (var candidate in certificates)
        {
            X509Certificate2 leaf;
            try
            {
                // CreateFromPem checks that the key belongs to the certificate and picks the key algorithm.
                leaf = X509Certificate2.CreateFromPem(candidate.ExportCertificatePem(), keyBlock);
            }
            catch (Exception exception) when (exception is CryptographicException or ArgumentException)
            {
                // A key of another algorithm fails with CryptographicException, one that does not match with ArgumentException.
                continue;
            }

            var intermediates = new X509Certificate2Collection();
            foreach (var other in certificates)
            {
                if (ReferenceEquals(other, candidate))
                {
                    other.Dispose();
                }
                else
                {
                    intermediates.Add(other);
                }
            }

            return ProbeClientMaterial.Create(leaf, intermediates);
        }

        var first = certificates[0];
        error = certificates.Count == 1
            ? $"The client private key does not belong to the client certificate '{first.Subject}' (SHA-256 {Fingerprint(first)})."
            : $"The client private key belongs to none of the {certificates.Count} certificates of the client bundle (first: '{first.Subject}').";
        DisposeAll(certificates);
        return null;
    }

    private static string? FindKeyBlock(string pem, out string? error)
    {
        foreach (var (label, _, text) in EnumerateBlocksWithText(pem))
        {
            if (label == "ENCRYPTED PRIVATE KEY")
            {
                error = "The client private key is encrypted; give the decrypted key (openssl pkey -in key.pem -out plain.pem).";
                return null;
            }

            if (s_keyLabels.Contains(label))
            {
                error = null;
                return text;
            }
        }

        error = pem.Contains("-----BEGIN", StringComparison.Ordinal)
            ? "The client private key has no well-formed PRIVATE KEY block (PKCS#8, RSA or EC)."
            : "The client private key is not PEM: it has no -----BEGIN PRIVATE KEY----- block.";
        return null;
    }

    private static IEnumerable<(string Label, byte[] Data)> EnumerateBlocks(string pem) =>
        EnumerateBlocksWithText(pem).Select(block => (block.Label, block.Data));

    private static IEnumerable<(string Label, byte[] Data, string Text)> EnumerateBlocksWithText(string pem)
    {
        var offset = 0;
        while (offset < pem.Length)
        {
            if (!PemEncoding.TryFind(pem.AsSpan(offset), out var fields))
            {
                yield break;
            }

            var block = pem.AsSpan(offset);
            var text = block[fields.Location].ToString();
            var label = block[fields.Label].ToString();
            var data = Convert.FromBase64String(block[fields.Base64Data].ToString());
            offset += fields.Location.End.Value;
            yield return (label, data, text);
        }
    }

    private static string Fingerprint(X509Certificate2 certificate) =>
        Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));

    private static void DisposeAll(X509Certificate2Collection certificates)
    {
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }
}
