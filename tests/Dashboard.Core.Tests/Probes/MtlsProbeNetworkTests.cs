using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Dashboard.Core.Probes;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Probes;

public sealed class MtlsProbeNetworkTests
{
    private readonly ProbePki _pki = new();

    [Fact]
    public async Task ProbeAsync_UnresolvableHost_IsDnsFailure()
    {
        var (probe, _) = ProbeKit.Create();

        var result = await probe.ProbeAsync(new ProbeRequest(new Uri("https://does-not-exist.invalid/status/418")) { TrustedCaBundlePem = _pki.ServerRoot.Pem }, ProbeKit.Deadline());

        var failure = AssertFailure(result, ProbeFailureReason.Dns, ProbeStage.ResolvingHost);
        Assert.Contains("'does-not-exist.invalid'", failure.Message);
        Assert.Contains("does not resolve", failure.Message);
        Assert.Null(result.Timings.Connect);
        Assert.Null(result.RemoteEndPoint);
    }

    [Fact]
    public async Task ProbeAsync_OverrideToAnUnresolvableDnsEndPoint_IsDnsFailure()
    {
        var (probe, _) = ProbeKit.Create();
        var request = new ProbeRequest(new Uri("https://gateway.test/status/418"))
        {
            TrustedCaBundlePem = _pki.ServerRoot.Pem,
            EndpointOverrides = new Dictionary<string, EndPoint> { [ProbePki.GatewayHost] = new DnsEndPoint("does-not-exist.invalid", 443) },
        };

        var result = await probe.ProbeAsync(request, ProbeKit.Deadline());

        AssertFailure(result, ProbeFailureReason.Dns, ProbeStage.ResolvingHost);
    }

    [Fact]
    public async Task ProbeAsync_ClosedPort_IsConnectionRefused()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (probe, _) = ProbeKit.Create();

        var result = await probe.ProbeAsync(ProbeKit.Request(port, "/status/418", _pki), ProbeKit.Deadline());

        var failure = AssertFailure(result, ProbeFailureReason.ConnectionRefused, ProbeStage.Connecting);
        Assert.Contains($"{ProbePki.GatewayHost}:{port}", failure.Message);
        Assert.NotNull(result.Timings.DnsLookup);
        Assert.Null(result.Timings.Connect);
    }

    [Fact]
    public async Task ProbeAsync_ServerNeverAnswers_TimesOutAwaitingTheResponse()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (probe, _) = ProbeKit.Create(clock);
        var request = ProbeKit.Request(server.Port, "/slow", _pki) with { Timeout = TimeSpan.FromSeconds(5) };

        var probing = probe.ProbeAsync(request, ProbeKit.Deadline());
        await server.SlowRequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(5));
        var result = await probing;

        var failure = AssertFailure(result, ProbeFailureReason.Timeout, ProbeStage.AwaitingResponse);
        Assert.Contains("00:00:05", failure.Message);
        Assert.Contains("sent no response", failure.Message);
        Assert.Equal(TimeSpan.FromSeconds(5), result.Timings.Total);
        Assert.NotNull(result.TlsProtocol);
        Assert.NotEmpty(result.ServerCertificateChain);
    }

    [Fact]
    public async Task ProbeAsync_ServerNeverAnswersTheClientHello_TimesOutInTheHandshake()
    {
        var clientHelloSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new RawLoopbackServer(async (stream, stop) =>
        {
            var buffer = new byte[1];
            await stream.ReadExactlyAsync(buffer, stop);
            clientHelloSeen.TrySetResult();
            while (await stream.ReadAsync(new byte[16384], stop) > 0)
            {
                // Swallow whatever comes and never answer.
            }
        });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (probe, _) = ProbeKit.Create(clock);

        var probing = probe.ProbeAsync(ProbeKit.Request(server.Port, "/", _pki) with { Timeout = TimeSpan.FromSeconds(3) }, ProbeKit.Deadline());
        await clientHelloSeen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(3));
        var result = await probing;

        var failure = AssertFailure(result, ProbeFailureReason.Timeout, ProbeStage.TlsHandshake);
        Assert.Contains("TLS handshake did not finish", failure.Message);
    }

    [Fact]
    public async Task ProbeAsync_CallerCancels_ThrowsInsteadOfReturningATimeout()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server);
        var (probe, log) = ProbeKit.Create();
        using var caller = new CancellationTokenSource();

        var probing = probe.ProbeAsync(ProbeKit.Request(server.Port, "/slow", _pki), caller.Token);
        await server.SlowRequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await caller.CancelAsync();

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probing);
        Assert.Equal(caller.Token, exception.CancellationToken);
        Assert.DoesNotContain(log.Collector.GetSnapshot(), entry => entry.Level == Microsoft.Extensions.Logging.LogLevel.Information);
    }

    [Fact]
    public async Task ProbeAsync_AlreadyCancelledToken_ThrowsBeforeConnecting()
    {
        var (probe, _) = ProbeKit.Create();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => probe.ProbeAsync(ProbeKit.Request(1, "/", _pki), new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task ProbeAsync_ServerClosesAfterHandshakeWithoutAskingForACertificate_IsConnectionClosed()
    {
        var connections = 0;
        await using var server = new RawLoopbackServer(async (stream, stop) =>
        {
            Interlocked.Increment(ref connections);
            await using var tls = new SslStream(stream);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _pki.Server.Certificate }, stop);
            _ = await tls.ReadAsync(new byte[4096], stop);
        });
        var (probe, _) = ProbeKit.Create();

        var result = await probe.ProbeAsync(ProbeKit.Request(server.Port, "/", _pki) with { TrustedCaBundlePem = _pki.ServerIntermediate.Pem }, ProbeKit.Deadline());

        AssertFailure(result, ProbeFailureReason.ConnectionClosed, ProbeStage.AwaitingResponse);
        Assert.False(result.ServerRequestedClientCertificate);
        Assert.Equal(1, connections);
    }

    [Fact]
    public async Task ProbeAsync_PlaintextOnTheTlsPort_IsTlsHandshakeFailed()
    {
        await using var server = new RawLoopbackServer(async (stream, stop) =>
        {
            _ = await stream.ReadAsync(new byte[4096], stop);
            await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), stop);
        });
        var (probe, _) = ProbeKit.Create();

        var result = await probe.ProbeAsync(ProbeKit.Request(server.Port, "/", _pki), ProbeKit.Deadline());

        var failure = AssertFailure(result, ProbeFailureReason.TlsHandshakeFailed, ProbeStage.TlsHandshake);
        Assert.Empty(result.ServerCertificateChain);
        Assert.Contains("speaks TLS", failure.Remedy);
    }

    [Fact]
    public async Task ProbeAsync_NotHttpAfterTheHandshake_IsInvalidResponse()
    {
        await using var server = new RawLoopbackServer(async (stream, stop) =>
        {
            await using var tls = new SslStream(stream);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _pki.Server.Certificate }, stop);
            _ = await tls.ReadAsync(new byte[4096], stop);
            await tls.WriteAsync(Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH_9.2\r\n\r\n"), stop);
        });
        var (probe, _) = ProbeKit.Create();

        var result = await probe.ProbeAsync(ProbeKit.Request(server.Port, "/", _pki) with { TrustedCaBundlePem = _pki.ServerIntermediate.Pem }, ProbeKit.Deadline());

        AssertFailure(result, ProbeFailureReason.InvalidResponse, ProbeStage.AwaitingResponse);
    }

    [Fact]
    public async Task ProbeAsync_BodyCutShort_IsConnectionClosedWhileReadingTheBody()
    {
        await using var server = new RawLoopbackServer(async (stream, stop) =>
        {
            await using var tls = new SslStream(stream);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _pki.Server.Certificate }, stop);
            _ = await tls.ReadAsync(new byte[4096], stop);
            await tls.WriteAsync("HTTP/1.1 418 I'm a teapot\r\nContent-Length: 100\r\n\r\nshort"u8.ToArray(), stop);
        });
        var (probe, _) = ProbeKit.Create();

        var result = await probe.ProbeAsync(ProbeKit.Request(server.Port, "/", _pki) with { TrustedCaBundlePem = _pki.ServerIntermediate.Pem }, ProbeKit.Deadline());

        AssertFailure(result, ProbeFailureReason.ConnectionClosed, ProbeStage.ReadingBody);
        Assert.Equal(418, result.StatusCode);
        Assert.NotNull(result.Timings.TimeToFirstByte);
    }

    [Fact]
    public async Task ProbeAsync_UnexpectedStatus_IsHttpErrorWithStatusAndBody()
    {
        await using var server = await LoopbackTlsServer.StartAsync(_pki.Server);
        var (probe, _) = ProbeKit.Create();

        var unavailable = await probe.ProbeAsync(ProbeKit.Request(server.Port, "/status/503", _pki), ProbeKit.Deadline());
        var notTheTeapot = await probe.ProbeAsync(ProbeKit.Request(server.Port, "/status/200", _pki) with { ExpectedStatusCode = 418 }, ProbeKit.Deadline());
        var teapotUnexpected = await probe.ProbeAsync(ProbeKit.Request(server.Port, "/status/418", _pki), ProbeKit.Deadline());

        var failure = AssertFailure(unavailable, ProbeFailureReason.HttpError, ProbeStage.Completed);
        Assert.Equal(503, unavailable.StatusCode);
        Assert.Contains("No healthy upstream", failure.Remedy);
        Assert.Contains("not the expected 418", AssertFailure(notTheTeapot, ProbeFailureReason.HttpError, ProbeStage.Completed).Message);
        Assert.Equal(200, notTheTeapot.StatusCode);
        AssertFailure(teapotUnexpected, ProbeFailureReason.HttpError, ProbeStage.Completed);
        Assert.Contains("teapot", teapotUnexpected.BodyExcerpt);
    }

    private static ProbeFailure AssertFailure(ProbeResult result, ProbeFailureReason reason, ProbeStage stage)
    {
        Assert.False(result.Succeeded);
        Assert.NotNull(result.Failure);
        Assert.True(reason == result.Failure.Reason, $"expected {reason}, got {result.Failure.Reason}: {result.Failure.Message}");
        Assert.Equal(stage, result.Failure.Stage);
        Assert.False(string.IsNullOrWhiteSpace(result.Failure.Remedy));
        return result.Failure;
    }
}
