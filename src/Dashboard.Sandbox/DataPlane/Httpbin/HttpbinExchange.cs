namespace Dashboard.Sandbox.DataPlane.Httpbin;

/// <summary>A request as it reaches an upstream (after the proxy in front added its headers).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, percent-encoded as received.</param>
/// <param name="Query">The query string including <c>?</c>, or empty.</param>
/// <param name="Headers">Header names and values in arrival order.</param>
/// <param name="Origin">The client address as the upstream sees it.</param>
/// <param name="Scheme">The scheme the original client used (for httpbin's <c>url</c>).</param>
internal sealed record UpstreamRequest(string Method, string Path, string Query, IReadOnlyList<KeyValuePair<string, string>> Headers, string Origin, string Scheme);

/// <summary>A response from an upstream or a proxy.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Headers">Response headers (without Content-Length, which is computed).</param>
/// <param name="Body">The body.</param>
internal sealed record UpstreamResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public static UpstreamResponse Text(int status, string body, string contentType = "text/plain") =>
        new(status, [new("content-type", contentType)], System.Text.Encoding.UTF8.GetBytes(body));

    public static UpstreamResponse Empty(int status) => new(status, [], []);

    public UpstreamResponse WithHeader(string name, string value) => this with { Headers = [.. Headers.Where(h => !h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)), new(name, value)] };
}
