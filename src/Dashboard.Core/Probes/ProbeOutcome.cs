namespace Dashboard.Core.Probes;

/// <summary>Whether a probe met its expectation.</summary>
public enum ProbeOutcome
{
    /// <summary>The server answered with the expected status (a 2xx unless an expected status was given).</summary>
    Succeeded,

    /// <summary>The probe failed; <see cref="ProbeResult.Failure"/> says why.</summary>
    Failed,
}
