using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Certificates.Parsing;

namespace Dashboard.Sandbox.DataPlane.Tls;

/// <summary>
/// A certificate chain and its key, loaded the way Envoy and nginx load a PEM pair: the first certificate of the
/// chain file is the leaf and the key must belong to it; the rest is sent as the chain.
/// </summary>
internal sealed class TlsCredential
{
    private TlsCredential(X509Certificate2 leaf, X509Certificate2Collection chain, string source)
    {
        Leaf = leaf;
        Chain = chain;
        Source = source;
        Sha256 = Convert.ToHexString(SHA256.HashData(leaf.RawData));
        Context = SslStreamCertificateContext.Create(leaf, chain, offline: true);
    }

    /// <summary>The leaf, with its private key attached.</summary>
    public X509Certificate2 Leaf { get; }

    /// <summary>The certificates after the leaf, as given.</summary>
    public X509Certificate2Collection Chain { get; }

    /// <summary>Where the material came from, e.g. <c>secret istio-system/gw-cred (tls.crt, tls.key)</c>.</summary>
    public string Source { get; }

    /// <summary>SHA-256 of the leaf's DER, upper-case hex.</summary>
    public string Sha256 { get; }

    /// <summary>What an SslStream serves or presents.</summary>
    public SslStreamCertificateContext Context { get; }

    /// <summary>
    /// Loads a certificate chain and key from PEM bytes. Returns null with a reason (never key material) when the
    /// chain holds no certificate, the key is missing, encrypted or unreadable, or does not belong to the first certificate.
    /// </summary>
    public static TlsCredential? Load(ReadOnlySpan<byte> chainPem, ReadOnlySpan<byte> keyPem, string source, out string? problem)
    {
        var chain = PemBundle.Parse(chainPem);
        if (chain.Entries.Count == 0)
        {
            problem = $"{source}: the certificate chain holds no readable PEM certificate";
            return null;
        }

        var keys = PemBundle.Parse(keyPem);
        if (keys.PrivateKeys.Count == 0)
        {
            var reason = keys.Problems.Count > 0 ? keys.Problems[0].Message : "no private key found";
            problem = $"{source}: failed to load the private key ({reason})";
            return null;
        }

        var leaf = chain.Certificates[0];
        var key = keys.PrivateKeys[0];
        if (!key.Matches(leaf))
        {
            problem = $"{source}: the private key does not match the first certificate ({leaf.Subject}): key values mismatch";
            return null;
        }

        problem = null;
        var rest = new X509Certificate2Collection();
        foreach (var certificate in chain.Certificates.Skip(1))
        {
            rest.Add(certificate);
        }

        return new TlsCredential(key.AttachTo(leaf), rest, source);
    }
}
