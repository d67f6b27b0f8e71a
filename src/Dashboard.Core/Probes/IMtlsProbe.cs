namespace Dashboard.Core.Probes;

/// <summary>Sends one HTTPS GET with real (mutual) TLS and reports what happened on the wire.</summary>
public interface IMtlsProbe
{
    /// <summary>Runs one probe. Every network outcome, including a timeout, is returned as a <see cref="ProbeResult"/>.</summary>
    /// <param name="request">What to probe.</param>
    /// <param name="cancellationToken">Cancels the probe; cancellation by this token throws, a timeout does not.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">The request is malformed (see <see cref="ProbeRequest.Validate"/>).</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    Task<ProbeResult> ProbeAsync(ProbeRequest request, CancellationToken cancellationToken = default);
}
