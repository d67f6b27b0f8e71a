using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Tests.Probes;

/// <summary>How the loopback server treats client certificates, as Kestrel's ClientCertificateMode does.</summary>
internal enum ClientCertificates
{
    NotRequested,
    Allowed,
    Required,
}

/// <summary>
/// A real Kestrel HTTPS server on 127.0.0.1 with a port of its own, serving a few httpbin-like endpoints. Client
/// certificates are checked like a MUTUAL gateway: chained to <c>clientCa</c> and valid for clientAuth.
/// </summary>
internal sealed class LoopbackTlsServer : IAsyncDisposable
{
    /// <summary>httpbin's body for 418, as the seed's curl prints it.</summary>
    public const string Teapot = """"

            -=[ teapot ]=-

               _...._
             .'  _ _ `.
            | ."` ^ `". _,
            \_;`"---"`|//
              |       ;/
              \_     _/
                `"""`

        """";

    private readonly WebApplication _app;

    private LoopbackTlsServer(WebApplication app) => _app = app;

    public int Port { get; private set; }

    /// <summary>The SNI names clients sent, in order.</summary>
    public ConcurrentQueue<string> ServerNames { get; } = new();

    /// <summary>Subjects of client certificates the server accepted.</summary>
    public ConcurrentQueue<string> AcceptedClients { get; } = new();

    /// <summary>Subjects of client certificates (or "(none)") the server refused.</summary>
    public ConcurrentQueue<string> RefusedClients { get; } = new();

    /// <summary>Completes when a request to /slow arrived.</summary>
    public TaskCompletionSource SlowRequestArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int TlsConnections => ServerNames.Count;

    public Uri Url(string path, string host = "localhost") => new($"https://{host}:{Port}{path}");

    public static async Task<LoopbackTlsServer> StartAsync(
        TestCredential serverCredential,
        ClientCertificates clientCertificates = ClientCertificates.NotRequested,
        TestCa? clientCa = null,
        SslProtocols protocols = SslProtocols.None)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        LoopbackTlsServer? server = null;
        var context = SslStreamCertificateContext.Create(
            serverCredential.Certificate, new X509Certificate2Collection(serverCredential.Intermediates.ToArray()), offline: true);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(new TlsHandshakeCallbackOptions
        {
            OnConnection = connection =>
            {
                server!.ServerNames.Enqueue(connection.ClientHelloInfo.ServerName);
                return ValueTask.FromResult(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = context,
                    EnabledSslProtocols = protocols,
                    ClientCertificateRequired = clientCertificates != ClientCertificates.NotRequested,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
                        server.ValidateClient(clientCertificates, clientCa, certificate as X509Certificate2, chain),
                });
            },
        })));

        var app = builder.Build();
        server = new LoopbackTlsServer(app);
        app.MapGet("/status/{code:int}", (int code) => code == 418
            ? Results.Text(Teapot, "text/plain", statusCode: 418)
            : Results.StatusCode(code));
        app.MapGet("/headers", (HttpRequest request) =>
            Results.Text(string.Join("\n", request.Headers.Select(header => $"{header.Key}: {header.Value}"))));
        app.MapGet("/big", () => Results.Text(new string('x', 100_000)));
        app.MapGet("/slow", async (HttpContext http, IHostApplicationLifetime lifetime) =>
        {
            server.SlowRequestArrived.TrySetResult();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await app.StartAsync();
        server.Port = new Uri(app.Urls.Single()).Port;
        return server;
    }

    private bool ValidateClient(ClientCertificates mode, TestCa? clientCa, X509Certificate2? certificate, X509Chain? sent)
    {
        if (mode == ClientCertificates.NotRequested || (certificate is null && mode == ClientCertificates.Allowed))
        {
            return true;
        }

        if (certificate is null || clientCa is null)
        {
            RefusedClients.Enqueue(certificate?.Subject ?? "(none)");
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(clientCa.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.ApplicationPolicy.Add(new(TestCertificates.ClientAuth));
        if (sent is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(sent.ChainPolicy.ExtraStore);
        }

        var valid = chain.Build(certificate);
        (valid ? AcceptedClients : RefusedClients).Enqueue(certificate.Subject);
        return valid;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
