using System.Net;

namespace Dashboard.Sandbox.DataPlane.Watching;

/// <summary>
/// Sends the data plane's Kubernetes requests over HTTP/1.1, one connection per watch. Over HTTP/2 a watch that is
/// cancelled before its first event leaves its stream, and with it the multiplexed connection and the server's
/// request, open after the client is disposed (seen with KubernetesClient 21 on .NET 10), so stopping the data
/// plane would leave watches behind on the API server.
/// </summary>
internal sealed class Http11Handler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Version = HttpVersion.Version11;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        return base.SendAsync(request, cancellationToken);
    }
}
