using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Core.Probes;

/// <summary>A loaded client certificate with its key, its intermediates and the TLS context that sends them.</summary>
internal sealed class ProbeClientMaterial : IDisposable
{
    private ProbeClientMaterial(X509Certificate2 certificate, X509Certificate2Collection intermediates, SslStreamCertificateContext context)
    {
        Certificate = certificate;
        Intermediates = intermediates;
        Context = context;
    }

    public X509Certificate2 Certificate { get; }

    public X509Certificate2Collection Intermediates { get; }

    /// <summary>Sends the intermediates with the leaf, so a server that trusts only the root can build the path.</summary>
    public SslStreamCertificateContext Context { get; }

    public static ProbeClientMaterial Create(X509Certificate2 leaf, X509Certificate2Collection intermediates)
    {
        if (OperatingSystem.IsWindows())
        {
            // SChannel cannot use the ephemeral key CreateFromPem produces; a PKCS#12 round trip persists it.
            using var ephemeral = leaf;
            leaf = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
        }

        // offline: the intermediates come from the caller; never fetch missing ones from the network.
        var context = SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
        return new ProbeClientMaterial(leaf, intermediates, context);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var intermediate in Intermediates)
        {
            intermediate.Dispose();
        }
    }
}
