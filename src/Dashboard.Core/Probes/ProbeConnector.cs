using System.Net;
using System.Net.Sockets;

namespace Dashboard.Core.Probes;

/// <summary>Resolves a host name to addresses (the system resolver in production; injectable for tests).</summary>
internal delegate Task<IPAddress[]> ProbeHostResolver(string host, CancellationToken cancellationToken);

/// <summary>
/// The handler's <c>ConnectCallback</c>: applies the endpoint override map, resolves and connects while recording
/// timings and the precise failure, allows a single connection per probe, and closes the socket when the probe is
/// cancelled or times out so that no handshake lingers in the background.
/// </summary>
internal sealed class ProbeConnector(ProbeRequest request, ProbeAttempt attempt, ProbeHostResolver resolve, CancellationToken probeToken)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        if (!attempt.TryBeginConnection())
        {
            attempt.RetrySuppressed = true;
            throw new ProbeRetrySuppressedException();
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, probeToken);
        var (host, port, addresses) = Target(context.DnsEndPoint);
        if (addresses is null)
        {
            attempt.BeginResolve(host);
            try
            {
                addresses = await resolve(host, linked.Token);
                if (addresses.Length == 0)
                {
                    throw new SocketException((int)SocketError.HostNotFound);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                attempt.ResolveError = exception;
                throw;
            }

            attempt.EndResolve();
        }

        attempt.BeginConnect();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, linked.Token);
        }
        catch (Exception exception)
        {
            socket.Dispose();
            if (exception is SocketException)
            {
                attempt.ConnectError = exception;
            }

            throw;
        }

        attempt.Connected(socket.RemoteEndPoint);

        // The registration dies with the probe's token source; closing the socket aborts a stalled handshake or read.
        probeToken.UnsafeRegister(static state => ((Socket)state!).Dispose(), socket);
        return new NetworkStream(socket, ownsSocket: true);
    }

    private (string Host, int Port, IPAddress[]? Addresses) Target(DnsEndPoint requested)
    {
        var endpoint = Lookup(requested.Host);
        return endpoint switch
        {
            IPEndPoint ip => (ip.Address.ToString(), ip.Port, [ip.Address]),
            DnsEndPoint dns => (dns.Host, dns.Port, Literal(dns.Host)),
            _ => (requested.Host, requested.Port, Literal(requested.Host)),
        };
    }

    private EndPoint? Lookup(string host)
    {
        if (request.EndpointOverrides.TryGetValue(host, out var endpoint))
        {
            return endpoint;
        }

        return request.EndpointOverrides
            .FirstOrDefault(pair => string.Equals(pair.Key.TrimEnd('.'), host.TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
            .Value;
    }

    private static IPAddress[]? Literal(string host) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var address) ? [address] : null;
}
