namespace Dashboard.Core.Probes;

/// <summary>A classified probe failure.</summary>
/// <param name="Reason">The failure class.</param>
/// <param name="Stage">The stage the probe was in when it failed.</param>
/// <param name="Message">What happened, in words a platform engineer can act on. Never contains key material.</param>
/// <param name="Remedy">What to change to fix it.</param>
public sealed record ProbeFailure(ProbeFailureReason Reason, ProbeStage Stage, string Message, string Remedy);
