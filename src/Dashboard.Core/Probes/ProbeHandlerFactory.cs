using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Dashboard.Core.Probes;

/// <summary>
/// Builds the one-use <see cref="SocketsHttpHandler"/> of a probe. One handler per probe: a pooled connection or a
/// resumed TLS session would carry another probe's client certificate (or none) and hide what this probe tests.
/// </summary>
internal static class ProbeHandlerFactory
{
    public static SocketsHttpHandler Create(
        ProbeRequest request,
        ProbeAttempt attempt,
        ProbeConnector connector,
        X509Certificate2Collection? trustBundle,
        ProbeClientMaterial? credential)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            // A probe measures and tests a full handshake; a resumed session skips client authentication.
            AllowTlsResume = false,

            // SslStream builds a chain before calling back; keep that build offline. The verdict is the probe's own.
            CertificateChainPolicy = new X509ChainPolicy
            {
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            },
            ClientCertificateContext = credential?.Context,
            RemoteCertificateValidationCallback = (_, certificate, chain, _) => ValidateServer(request, attempt, trustBundle, certificate, chain),
        };
        if (credential is null)
        {
            // Only consulted without a certificate context. SslStream calls it once before the handshake (no remote
            // certificate yet) and again when the server's CertificateRequest arrives, after the server's certificate.
            ssl.LocalCertificateSelectionCallback = (_, _, _, remoteCertificate, _) =>
            {
                if (remoteCertificate is not null)
                {
                    attempt.ServerRequestedClientCertificate = true;
                }

                return null!;
            };
        }

        return new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = 1,
            ConnectCallback = connector.ConnectAsync,
            PlaintextStreamFilter = (context, _) =>
            {
                attempt.TlsEstablished(context.PlaintextStream as SslStream, credential is not null);
                return ValueTask.FromResult(context.PlaintextStream);
            },
            SslOptions = ssl,
        };
    }

    public static HttpRequestMessage CreateMessage(ProbeRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, request.Url)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.SniOverride is { } sni)
        {
            // SocketsHttpHandler takes the TLS server name from the Host header (it overwrites SslOptions.TargetHost).
            message.Headers.Host = request.Url.IsDefaultPort ? sni : $"{sni}:{request.Url.Port}";
        }

        return message;
    }

    private static bool ValidateServer(
        ProbeRequest request,
        ProbeAttempt attempt,
        X509Certificate2Collection? trustBundle,
        X509Certificate? certificate,
        X509Chain? chain)
    {
        if (certificate is not X509Certificate2 leaf)
        {
            attempt.Verdict = ServerCertificateValidator.NoCertificate();
            return false;
        }

        // The handler's chain holds what the server sent (leaf and intermediates) in its ExtraStore.
        var presented = new X509Certificate2Collection();
        if (chain is not null)
        {
            presented.AddRange(chain.ChainPolicy.ExtraStore);
        }

        if (!presented.Cast<X509Certificate2>().Any(sent => sent.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span)))
        {
            presented.Insert(0, leaf);
        }

        attempt.PresentedChain = presented.Select(PresentedCertificate.From).ToArray();
        var verdict = ServerCertificateValidator.Validate(
            leaf, presented, trustBundle, request.ServerNameToVerify, attempt.TimeProvider.GetUtcNow());
        attempt.Verdict = verdict;
        return verdict.IsAccepted;
    }
}
