namespace Dashboard.Bench.Setup;

/// <summary>A profile combination of the issue, as sandbox settings.</summary>
/// <param name="Name">The profile.</param>
/// <param name="Settings">Sandbox settings that make the sandbox cluster detect as that profile.</param>
/// <param name="SourceSecrets">The IKS secrets step 9 derives from: the nlb-dns secret, and the ALB's with IksAlbCertificate.</param>
internal sealed record SetupScenario(string Name, IReadOnlyDictionary<string, string?> Settings, int SourceSecrets)
{
    public static IReadOnlyList<SetupScenario> All { get; } =
    [
        new("Current/IngressNginx/PrivateCa", new Dictionary<string, string?>(), 1),
        new("Current/IngressNginx/IksAlbCertificate", new Dictionary<string, string?> { ["Sandbox:Iks:IssueClientAuth"] = "true" }, 2),
        new("Legacy/IbmIngress/IksAlbCertificate", new Dictionary<string, string?> { ["Sandbox:Kubernetes:Flavour"] = "Legacy", ["Sandbox:Iks:IssueClientAuth"] = "true" }, 2),
    ];
}

/// <summary>One step of a run (or profile detection): state, time spent executing, and the requests the dashboard sent.</summary>
internal sealed record StepFigures(int Number, string Id, string State, long Milliseconds, int Kubernetes, int Writes, int Iks);

/// <summary>One run: wall time from the request to its end, each step, detection summed over the run's executions.</summary>
internal sealed record RunFigures(TimeSpan Wall, string State, string? Message, int Executions, StepFigures Detection, IReadOnlyList<StepFigures> Steps, long IksServed)
{
    public int TotalKubernetes => Detection.Kubernetes + Steps.Sum(s => s.Kubernetes);

    public int TotalIks => Detection.Iks + Steps.Sum(s => s.Iks);
}

/// <summary>A fresh run and its re-run on one sandbox.</summary>
internal sealed record SetupMeasurement(SetupScenario Scenario, RunFigures Fresh, RunFigures Rerun);
