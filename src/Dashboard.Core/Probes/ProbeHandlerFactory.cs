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
        ProbeTrustBundle trust,
        ProbeClientMaterial? credential)
    {
        var now = attempt.TimeProvider.GetUtcNow();
        var ssl = new SslClientAuthenticationOptions
        {
            // A probe measures and tests a full handshake; a resumed session skips client authentication.
            AllowTlsResume = false,

            // SslStream builds the chain it passes to the callback with this policy: the bundle only, offline.
            CertificateChainPolicy = ServerCertificateValidator.Policy(trust, now),
            ClientCertificateContext = credential?.Context,
            RemoteCertificateValidationCallback = (_, certificate, chain, _) => ValidateServer(request, attempt, trust, now, certificate, chain),
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
        ProbeTrustBundle trust,
        DateTimeOffset now,
        X509Certificate? certificate,
        X509Chain? chain)
    {
        if (certificate is not X509Certificate2 leaf)
        {
            attempt.Verdict = ServerCertificateValidator.NoCertificate();
            return false;
        }

        // The handler's chain holds what the server sent (leaf and intermediates) in its ExtraStore, after the
        // bundle's own intermediates that the policy put there (the very instances, so they are told apart by reference).
        var presented = new List<X509Certificate2>();
        if (chain is not null)
        {
            presented.AddRange(chain.ChainPolicy.ExtraStore.Where(sent => !trust.Holds(sent)));
        }

        if (!presented.Any(sent => sent.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span)))
        {
            presented.Insert(0, leaf);
        }

        attempt.PresentedChain = presented.Select(PresentedCertificate.From).ToArray();
        var verdict = ServerCertificateValidator.Validate(leaf, chain, presented, trust, request.ServerNameToVerify, now);
        attempt.Verdict = verdict;
        return verdict.IsAccepted;
    }
}
