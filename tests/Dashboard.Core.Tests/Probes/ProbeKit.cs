using System.Net;
using System.Net.Sockets;
using Dashboard.Core.Probes;
using Microsoft.Extensions.Logging.Testing;

namespace Dashboard.Core.Tests.Probes;

/// <summary>The PKI most probe tests share: a Let's-Encrypt-like server hierarchy, a client hierarchy and a rogue CA.</summary>
internal sealed class ProbePki
{
    public const string GatewayHost = "gateway.test";

    public ProbePki()
    {
        ServerRoot = TestCertificates.CreateRoot("Probe Test Server Root");
        ServerIntermediate = ServerRoot.CreateIntermediate("Probe Test Server Intermediate");
        Server = ServerIntermediate.IssueServer("gateway", GatewayHost, "localhost");
        ClientRoot = TestCertificates.CreateRoot("Probe Test Client Root");
        ClientIntermediate = ClientRoot.CreateIntermediate("Probe Test Client Intermediate");
        Client = ClientIntermediate.IssueClient("alb-client");
        RogueRoot = TestCertificates.CreateRoot("Probe Test Rogue Root");
        RogueClient = RogueRoot.IssueClient("rogue-client");
    }

    public TestCa ServerRoot { get; }

    public TestCa ServerIntermediate { get; }

    public TestCredential Server { get; }

    public TestCa ClientRoot { get; }

    public TestCa ClientIntermediate { get; }

    public TestCredential Client { get; }

    public TestCa RogueRoot { get; }

    public TestCredential RogueClient { get; }
}

/// <summary>Creates probes and requests the way the sandbox will use them: public names mapped to loopback.</summary>
internal static class ProbeKit
{
    /// <summary>A resolver that knows only <c>localhost</c>; every other name fails as NXDOMAIN, without leaving the machine.</summary>
    public static readonly ProbeHostResolver LoopbackOnlyDns = (host, _) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            ? Task.FromResult(new[] { IPAddress.Loopback })
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));

    public static (MtlsProbe Probe, FakeLogger<MtlsProbe> Log) Create(TimeProvider? time = null)
    {
        var log = new FakeLogger<MtlsProbe>();
        return (new MtlsProbe(time ?? TimeProvider.System, log) { ResolveHostAsync = LoopbackOnlyDns }, log);
    }

    /// <summary>A request for <c>https://gateway.test:{port}{path}</c> reaching the loopback port through the override map.</summary>
    public static ProbeRequest Request(int port, string path, ProbePki pki, string host = ProbePki.GatewayHost) =>
        new(new Uri($"https://{host}:{port}{path}"))
        {
            TrustedCaBundlePem = pki.ServerRoot.Pem,
            EndpointOverrides = new Dictionary<string, EndPoint> { [host] = new IPEndPoint(IPAddress.Loopback, port) },
        };

    /// <summary>A safety net so a broken probe fails the test instead of hanging it; never reached when things work.</summary>
    public static CancellationToken Deadline() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    /// <summary>Polls a condition until it holds or the deadline passes.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (!condition())
        {
            if (!await timer.WaitForNextTickAsync(deadline.Token))
            {
                break;
            }
        }

        Assert.True(condition(), what);
    }
}
