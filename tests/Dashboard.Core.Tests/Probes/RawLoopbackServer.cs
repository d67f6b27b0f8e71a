using System.Net;
using System.Net.Sockets;

namespace Dashboard.Core.Tests.Probes;

/// <summary>
/// A bare TCP listener on 127.0.0.1 that hands each connection to a test-supplied handler: for behaviour Kestrel
/// will not show (a server that never answers the ClientHello, plaintext on a TLS port, garbage after the handshake).
/// </summary>
internal sealed class RawLoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly List<Task> _connections = [];

    public RawLoopbackServer(Func<NetworkStream, CancellationToken, Task> handle)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync(handle);
    }

    public int Port { get; }

    public Uri Url(string path, string host = "localhost") => new($"https://{host}:{Port}{path}");

    private async Task AcceptAsync(Func<NetworkStream, CancellationToken, Task> handle)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (_connections)
            {
                _connections.Add(ServeAsync(socket, handle));
            }
        }
    }

    private async Task ServeAsync(Socket socket, Func<NetworkStream, CancellationToken, Task> handle)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            await handle(stream, _stop.Token);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            // The probe closing the connection is part of every scenario here.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections);
        _stop.Dispose();
    }
}
