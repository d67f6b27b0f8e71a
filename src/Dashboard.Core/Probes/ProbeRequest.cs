using System.Net;
using System.Text;

namespace Dashboard.Core.Probes;

/// <summary>
/// What to probe: one HTTPS GET with an optional client certificate, the server validated against a given CA bundle.
/// </summary>
/// <remarks>Printing the record never shows the private key or header values (they may carry tokens).</remarks>
/// <param name="Url">The absolute <c>https</c> URL to GET.</param>
public sealed record ProbeRequest(Uri Url)
{
    /// <summary>The timeout used when none is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The client certificate to present, if any.</summary>
    public ProbeClientCredential? ClientCredential { get; init; }

    /// <summary>
    /// The CA certificates (PEM) the server's certificate must chain to. Required: only this bundle is trusted, never
    /// the machine's trust store, so a probe judges a server the same on every host. Any certificate in it is an anchor
    /// (as curl's <c>--cacert</c> with partial chains). For a Let's Encrypt certificate (the IKS ALB's), give ISRG Root
    /// X1 and X2, e.g. <c>TrustStore.Default.ToPem()</c>.
    /// </summary>
    public required string TrustedCaBundlePem { get; init; }

    /// <summary>
    /// The TLS server name (SNI) to send instead of the URL's host. SocketsHttpHandler derives SNI from the Host header,
    /// so this also becomes the request's Host header.
    /// </summary>
    public string? SniOverride { get; init; }

    /// <summary>
    /// Host name → endpoint (an <see cref="IPEndPoint"/> or a <see cref="DnsEndPoint"/>) to connect to instead of
    /// resolving the URL's host; how the sandbox's public host names reach loopback (like <c>curl --resolve</c>).
    /// Host names match case-insensitively.
    /// </summary>
    public IReadOnlyDictionary<string, EndPoint> EndpointOverrides { get; init; } = new Dictionary<string, EndPoint>();

    /// <summary>The host name the server certificate must be issued for; defaults to the SNI override, then the URL's host.</summary>
    public string? ExpectedServerName { get; init; }

    /// <summary>The whole probe, from resolution to the body excerpt, must finish within this time.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>The status that counts as success (for example 418); when <see langword="null"/>, any 2xx does.</summary>
    public int? ExpectedStatusCode { get; init; }

    /// <summary>Extra request headers (not Host: use <see cref="SniOverride"/>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>How many characters of the response body to keep.</summary>
    public int BodyExcerptLength { get; init; } = 512;

    /// <summary>The host name the server certificate is checked against.</summary>
    public string ServerNameToVerify => ExpectedServerName ?? SniOverride ?? Url.IdnHost;

    /// <summary>Throws for requests no probe can run: they are programming errors, not network outcomes.</summary>
    /// <exception cref="ArgumentException">The request is malformed; the message names the field and the fix.</exception>
    public void Validate()
    {
        if (Url is null || !Url.IsAbsoluteUri || Url.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"The probe URL must be an absolute https URL, got '{Url}'.", nameof(Url));
        }

        if (TrustedCaBundlePem is null)
        {
            throw new ArgumentException(
                "The probe has no trusted CA bundle (TrustedCaBundlePem is null). It verifies the server's certificate only against the CA certificates it is given, never the machine's trust store: "
                + "give the PEM of the CA that issued the server's certificate (for a Let's Encrypt certificate, ISRG Root X1 and X2: TrustStore.Default.ToPem()).",
                nameof(TrustedCaBundlePem));
        }

        if (Timeout <= TimeSpan.Zero || Timeout == System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"The probe timeout must be positive and finite, got {Timeout}.", nameof(Timeout));
        }

        if (ExpectedStatusCode is < 100 or > 599)
        {
            throw new ArgumentException($"The expected status must be an HTTP status (100-599), got {ExpectedStatusCode}.", nameof(ExpectedStatusCode));
        }

        if (SniOverride is not null && Uri.CheckHostName(SniOverride) != UriHostNameType.Dns)
        {
            throw new ArgumentException($"The SNI override must be a DNS host name without port, got '{SniOverride}'.", nameof(SniOverride));
        }

        if (ExpectedServerName is not null && string.IsNullOrWhiteSpace(ExpectedServerName))
        {
            throw new ArgumentException("The expected server name must not be blank; leave it null to check the SNI or URL host.", nameof(ExpectedServerName));
        }

        if (BodyExcerptLength < 0)
        {
            throw new ArgumentException("The body excerpt length must not be negative.", nameof(BodyExcerptLength));
        }

        foreach (var (host, endpoint) in EndpointOverrides)
        {
            if (endpoint is not (IPEndPoint or DnsEndPoint) || (endpoint is IPEndPoint { Port: 0 } or DnsEndPoint { Port: 0 }))
            {
                throw new ArgumentException(
                    $"The endpoint override for '{host}' must be an IPEndPoint or DnsEndPoint with a port, got '{endpoint}'.",
                    nameof(EndpointOverrides));
            }
        }

        if (Headers.Keys.Any(name => string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException("Do not set the Host header; set SniOverride, which sets both SNI and Host.", nameof(Headers));
        }

        using var headerCheck = new HttpRequestMessage();
        foreach (var (name, value) in Headers)
        {
            if (!headerCheck.Headers.TryAddWithoutValidation(name, value))
            {
                throw new ArgumentException($"'{name}' cannot be sent as a request header of a GET (is it a content header?).", nameof(Headers));
            }
        }
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Url = ").Append(Url)
            .Append(", ClientCredential = ").Append(ClientCredential?.ToString() ?? "null")
            .Append(", TrustedCaBundlePem = ").Append(TrustedCaBundlePem is null ? "null" : $"({TrustedCaBundlePem.Length} chars)")
            .Append(", SniOverride = ").Append(SniOverride ?? "null")
            .Append(", EndpointOverrides = [").AppendJoin(", ", EndpointOverrides.Select(pair => $"{pair.Key} => {pair.Value}")).Append(']')
            .Append(", ExpectedServerName = ").Append(ExpectedServerName ?? "null")
            .Append(", Timeout = ").Append(Timeout)
            .Append(", ExpectedStatusCode = ").Append(ExpectedStatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null")
            .Append(", Headers = [").AppendJoin(", ", Headers.Keys).Append(']')
            .Append(", BodyExcerptLength = ").Append(BodyExcerptLength);
        return true;
    }
}
