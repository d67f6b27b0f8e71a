using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Probes;

/// <summary>
/// The probe: one HTTPS GET over <see cref="SocketsHttpHandler"/> with the caller's client certificate, its own
/// validation of the server certificate against the caller's CA bundle, and a classified result for every network
/// outcome. Stateless and thread-safe; each probe builds and disposes its own handler.
/// </summary>
/// <param name="timeProvider">Clock for timings, certificate validity and the timeout.</param>
/// <param name="logger">One Information line per probe; details at Debug. Never logs key material or header values.</param>
public sealed class MtlsProbe(TimeProvider timeProvider, ILogger<MtlsProbe> logger) : IMtlsProbe
{
    /// <summary>The resolver for host names the override map does not cover; tests keep it on loopback.</summary>
    internal ProbeHostResolver ResolveHostAsync { get; init; } = Dns.GetHostAddressesAsync;

    /// <inheritdoc />
    public async Task<ProbeResult> ProbeAsync(ProbeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        var startedAt = timeProvider.GetUtcNow();
        var attempt = new ProbeAttempt(timeProvider);
        var target = $"{request.Url.Host}:{request.Url.Port}";

        var trust = ProbeTrustBundle.Get(request.TrustedCaBundlePem, out var bundleError);
        if (trust is null)
        {
            return Finish(request, attempt, startedAt, ProbeFailures.TrustBundleInvalid(bundleError!));
        }

        ProbeClientMaterial? credential = null;
        if (request.ClientCredential is { } clientCredential)
        {
            credential = ProbePem.ReadClientCredential(clientCredential, out var credentialError);
            if (credential is null)
            {
                return Finish(request, attempt, startedAt, ProbeFailures.CredentialInvalid(credentialError!));
            }
        }

        using (credential)
        {
            return await SendAsync(request, attempt, startedAt, target, trust, credential, cancellationToken);
        }
    }

    private async Task<ProbeResult> SendAsync(
        ProbeRequest request,
        ProbeAttempt attempt,
        DateTimeOffset startedAt,
        string target,
        ProbeTrustBundle trust,
        ProbeClientMaterial? credential,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(request.Timeout, timeProvider);
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var connector = new ProbeConnector(request, attempt, ResolveHostAsync, probe.Token);
        using var handler = ProbeHandlerFactory.Create(request, attempt, connector, trust, credential);
        using var client = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        using var message = ProbeHandlerFactory.CreateMessage(request);
        int? status = null;
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, probe.Token);
            attempt.ResponseHeadersReceived();
            status = (int)response.StatusCode;
            var excerpt = await ProbeBodyReader.ReadExcerptAsync(response.Content, request.BodyExcerptLength, probe.Token);
            attempt.Complete();
            var expected = request.ExpectedStatusCode is { } code ? status == code : status is >= 200 and < 300;
            return Finish(request, attempt, startedAt, expected ? null : ProbeFailures.Status(status.Value, request.ExpectedStatusCode), status, excerpt);
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested && ProbeFailureClassifier.IsNetworkFailure(exception))
        {
            // Closing the socket on cancellation can surface as an I/O error rather than a cancellation; either way the caller cancelled.
            ProbeLog.Cancelled(logger, Redacted(request.Url), attempt.Stage);
            throw new OperationCanceledException("The probe was cancelled by the caller.", exception, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
            && (timeout.IsCancellationRequested || ProbeFailureClassifier.IsNetworkFailure(exception)))
        {
            var failure = timeout.IsCancellationRequested
                ? ProbeFailures.Timeout(attempt.Stage, request.Timeout, target)
                : ProbeFailureClassifier.Classify(exception, attempt, target, credential);
            return Finish(request, attempt, startedAt, failure, status, error: exception);
        }
    }

    private ProbeResult Finish(
        ProbeRequest request,
        ProbeAttempt attempt,
        DateTimeOffset startedAt,
        ProbeFailure? failure,
        int? status = null,
        string? excerpt = null,
        Exception? error = null)
    {
        var result = new ProbeResult
        {
            Url = request.Url,
            Outcome = failure is null ? ProbeOutcome.Succeeded : ProbeOutcome.Failed,
            Failure = failure,
            StartedAt = startedAt,
            StatusCode = status,
            BodyExcerpt = excerpt,
            Timings = attempt.Timings(attempt.Now()),
            ServerCertificateChain = attempt.PresentedChain,
            TlsProtocol = attempt.Protocol,
            CipherSuite = attempt.CipherSuite,
            ServerRequestedClientCertificate = attempt.ServerRequestedClientCertificate,
            ClientCertificateSent = attempt.ClientCertificateSent,
            RemoteEndPoint = attempt.RemoteEndPoint,
        };
        Log(result, error);
        return result;
    }

    private void Log(ProbeResult result, Exception? error)
    {
        var timings = result.Timings;
        ProbeLog.Finished(
            logger,
            Redacted(result.Url),
            result.Outcome,
            result.Failure?.Reason.ToString() ?? "-",
            result.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-",
            result.TlsProtocol?.ToString() ?? "-",
            Milliseconds(timings.Connect),
            Milliseconds(timings.TlsHandshake),
            Milliseconds(timings.TimeToFirstByte),
            Milliseconds(timings.Total));
        if (result.Failure is { } failure)
        {
            // The exception is the evidence behind the classification (the handler's messages carry no key material).
            ProbeLog.Failure(logger, error, Redacted(result.Url), failure.Stage, failure.Message, failure.Remedy);
        }

        if (logger.IsEnabled(LogLevel.Debug) && result.ServerCertificateChain.Count > 0)
        {
            ProbeLog.ServerChain(
                logger,
                Redacted(result.Url),
                string.Join(" <- ", result.ServerCertificateChain.Select(c => $"{c.Subject} (serial {c.SerialNumber}, not after {c.NotAfter:u})")),
                result.CipherSuite,
                result.ServerRequestedClientCertificate,
                result.ClientCertificateSent);
        }
    }

    private static string Redacted(Uri url) => url.GetLeftPart(UriPartial.Path);

    private static string Milliseconds(TimeSpan? value) =>
        value is { } span ? span.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) : "-";
}
