namespace Dashboard.Core.Probes;

/// <summary>The probe's own judgement of the server certificate; a rejection carries the precise reason.</summary>
internal sealed record ServerCertificateVerdict(ProbeFailure? Rejection)
{
    public static ServerCertificateVerdict Accepted { get; } = new((ProbeFailure?)null);

    public bool IsAccepted => Rejection is null;

    public static ServerCertificateVerdict Reject(ProbeFailureReason reason, string message, string remedy) =>
        new(new ProbeFailure(reason, ProbeStage.TlsHandshake, message, remedy));
}
