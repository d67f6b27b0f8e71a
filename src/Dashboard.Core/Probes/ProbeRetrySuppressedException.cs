namespace Dashboard.Core.Probes;

/// <summary>Thrown instead of opening a second connection for the same probe.</summary>
internal sealed class ProbeRetrySuppressedException()
    : IOException("The probe allows one connection; HttpClient tried to retry after the server closed the first one without answering.");
