using System.Globalization;
using System.Text;
using Dashboard.Core.Probes;

namespace Dashboard.Core.Setup.Steps;

/// <summary>
/// A verification step: it writes nothing, so every run verifies again. Probes are retried until
/// <see cref="SetupOptions.VerifyTimeout"/> because configuration reaches gateways and ALBs asynchronously (watches, SDS).
/// </summary>
public abstract class ProbeStep : ISetupStep
{
    /// <inheritdoc />
    public abstract string Id { get; }

    /// <inheritdoc />
    public abstract string Title { get; }

    /// <inheritdoc />
    public abstract SetupStepGroup Group { get; }

    /// <summary>Runs the probe(s) once; null when they met every expectation, otherwise what went wrong.</summary>
    protected abstract Task<(string? Problem, IReadOnlyList<string> Messages)> ProbeOnceAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>The curl commands that do the same.</summary>
    protected abstract Task<IReadOnlyList<string>> CommandsAsync(StepContext context, CancellationToken cancellationToken);

    /// <inheritdoc />
    public Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new StepObservation(ObservationKind.Missing, "Verification runs on every run."));

    /// <inheritdoc />
    public async Task<StepPlan> PlanAsync(StepContext context, CancellationToken cancellationToken)
    {
        try
        {
            return new StepPlan(await ObserveAsync(context, cancellationToken), [], await CommandsAsync(context, cancellationToken));
        }
        catch (StepBlockedException blocked)
        {
            return new StepPlan(blocked.Observation, [], []);
        }
    }

    /// <inheritdoc />
    public Task<StepOutcome> ApplyAsync(StepContext context, CancellationToken cancellationToken) =>
        Task.FromResult(StepOutcome.Success("Nothing to write; verifying."));

    /// <inheritdoc />
    public async Task<StepOutcome> VerifyAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = context.Services.Time;
        var deadline = clock.GetUtcNow() + context.Options.VerifyTimeout;
        var attempts = 0;
        while (true)
        {
            attempts++;
            string? problem;
            IReadOnlyList<string> messages;
            try
            {
                (problem, messages) = await ProbeOnceAsync(context, cancellationToken);
            }
            catch (StepBlockedException blocked)
            {
                return StepOutcome.From(blocked.Observation);
            }

            if (problem is null)
            {
                return StepOutcome.Success($"Verified after {attempts} attempt(s).", [.. messages]);
            }

            if (clock.GetUtcNow() >= deadline)
            {
                return StepOutcome.Failure($"Verification failed after {attempts} attempt(s) over {context.Options.VerifyTimeout}: {problem}", SetupCodes.Probe, [.. messages]);
            }

            await Task.Delay(context.Options.VerifyRetryInterval, clock, cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task<StepOutcome> CleanupAsync(StepContext context, CancellationToken cancellationToken) =>
        Task.FromResult(StepOutcome.Success("Nothing to clean up: verification writes nothing."));

    /// <summary>
    /// What a probe saw, for the run's messages: the outcome in the first line, then the certificate the server
    /// presented (subject, serial, expiry, issuer) and, on success, the start of the response body (httpbin's teapot).
    /// </summary>
    protected static string Describe(string what, ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder(result.Succeeded
            ? string.Create(CultureInfo.InvariantCulture, $"{what}: HTTP {result.StatusCode} in {result.Timings.Total.TotalMilliseconds:F0} ms.")
            : $"{what}: {result.Failure?.Reason} at {result.Failure?.Stage}: {result.Failure?.Message} ({result.Failure?.Remedy})");
        if (result.ServerCertificateChain is [var served, ..])
        {
            text.Append(CultureInfo.InvariantCulture, $"\nServed certificate: {served.Subject}, serial {served.SerialNumber}, expires {served.NotAfter:yyyy-MM-dd HH:mm} UTC (issuer {served.Issuer}).");
        }

        if (result.Succeeded && !string.IsNullOrWhiteSpace(result.BodyExcerpt))
        {
            text.Append("\nResponse body:\n").Append(result.BodyExcerpt.Trim('\r', '\n'));
        }

        return text.ToString();
    }
}
