using Dashboard.Core.Audit;
using Dashboard.Core.Ibm;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup;
using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Setup.Steps;
using Dashboard.Core.Storage;
using Dashboard.Core.Targets;
using Dashboard.Web.ViewModels.Setup;

namespace Dashboard.Web.Tests.ViewModels;

/// <summary>Builds what the service layer reports (observations, plans, runs) for view-model and component tests.</summary>
internal static class SetupFakes
{
    public static readonly DateTime T0 = new(2026, 11, 26, 10, 0, 0, DateTimeKind.Utc);

    public static SetupProfile CurrentProfile { get; } = new(IstioApi.Current, AlbFlavour.IngressNginx, ClientCertificateSource.PrivateCa, ClusterType.Classic);

    /// <summary>An overview where every step has <paramref name="kind"/> unless <paramref name="overrides"/> says otherwise.</summary>
    public static SetupOverview Overview(ObservationKind kind = ObservationKind.Missing, params (string Id, StepObservation Observation)[] overrides) => new(
        "sandbox",
        "abc123",
        Detection(),
        SetupParameters.Default,
        ProfileOverrides.None,
        [.. SetupSteps.All.Select(s => new StepStatus(s.Id, s.Number, s.Title, s.Group, s.AppliesTo(CurrentProfile),
            overrides.FirstOrDefault(o => o.Id == s.Id).Observation ?? (s.AppliesTo(CurrentProfile) ? new StepObservation(kind, $"{s.Title}: {kind}.") : StepObservation.InSync("Not needed in this profile."))))]);

    public static ProfileDetection Detection() => new(
        new ProfileChoice<IstioApi>(IstioApi.Current, IstioApi.Current, false, ["security.istio.io serves v1."]),
        new ProfileChoice<AlbFlavour>(AlbFlavour.IngressNginx, AlbFlavour.IngressNginx, false, ["IngressClass public-iks-k8s-nginx."]),
        new ProfileChoice<ClientCertificateSource>(ClientCertificateSource.PrivateCa, ClientCertificateSource.PrivateCa, false, ["The ALB's certificate lacks clientAuth."]),
        new ProfileChoice<ClusterType>(ClusterType.Classic, ClusterType.Classic, false, ["IKS reports a classic cluster."]),
        CurrentProfile,
        []);

    public static StepObservation Blocked(string code, string reason = "Something is in the way.", string unblock = "Remove it.") =>
        StepObservation.Blocked(reason, unblock, code);

    /// <summary>A plan with one object (the given YAML, diffed against <paramref name="live"/>: none, so all added) for <paramref name="stepId"/>, and a command for every step.</summary>
    public static SetupPlanView Plan(string stepId = "namespace", string yaml = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: httptools\n", string? live = null) =>
        new("sandbox", CurrentProfile, [.. SetupSteps.All.Select(s => new StepPlanView(s.Id, s.Number, s.Title, s.AppliesTo(CurrentProfile), new StepPlan(
            new StepObservation(ObservationKind.Missing, "Missing."),
            s.Id == stepId ? [new PlannedObject("v1", "Namespace", null, "httptools", "create", yaml, ManifestDiff.Between(live, yaml, "Namespace/httptools"))] : [],
            [$"kubectl do {s.Id}"])))]);

    public static SetupRunView Run(SetupRunState state, params (string Id, SetupStepState State)[] steps) => Run(Guid.NewGuid(), state, T0, steps);

    public static SetupRunView Run(Guid id, SetupRunState state, DateTime createdAt, params (string Id, SetupStepState State)[] steps) => new(
        id, "sandbox", "abc123", state, $"Run is {state}.", "admin", false, null, createdAt, createdAt, StepRows.IsActive(state) ? null : createdAt.AddSeconds(5), null, 1, CurrentProfile,
        [.. steps.Select(s => Step(s.Id, s.State))]);

    public static SetupRunStepView Step(string id, SetupStepState state, string? summary = null, string? code = null, IReadOnlyList<string>? messages = null, string? waitingStatus = null, DateTime? nextPoll = null)
    {
        var step = SetupSteps.Find(id)!;
        return new SetupRunStepView(id, step.Number, step.Title, state, summary ?? $"{step.Title}: {state}.", messages ?? [], code, null, waitingStatus, nextPoll,
            T0, state is SetupStepState.Succeeded or SetupStepState.Failed or SetupStepState.Blocked ? T0.AddSeconds(1) : null, 12, 1, 3, 1, 0);
    }

    public static StepRow Row(string stepId, SetupOverview? overview = null, SetupPlanView? plan = null, IReadOnlyList<SetupRunView>? runs = null, bool canOperate = true) =>
        StepRows.Build(overview ?? Overview(), plan ?? Plan(), runs ?? [], canOperate).Single(r => r.Id == stepId);
}

/// <summary>An in-memory backend for the wizard's pages: the service layer's answers are set by the test; calls are recorded.</summary>
internal sealed class FakeWizardBackend : IWizardBackend
{
    public SetupOverview? Overview { get; set; } = SetupFakes.Overview();

    public SetupPlanView? Plan { get; set; } = SetupFakes.Plan();

    public List<SetupRunView> Runs { get; } = [];

    public List<(IReadOnlyList<string>? Steps, bool Consent)> Started { get; } = [];

    public int SetupReads { get; private set; }

    /// <summary>Thrown by every read of the setup (any exception: unreachable cluster, or a bug).</summary>
    public Exception? Unavailable { get; set; }

    /// <summary>Thrown by start, cancel and settings changes.</summary>
    public Exception? ActionFailure { get; set; }

    public Task<IReadOnlyList<TargetDefinition>> ListTargetsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TargetDefinition>>([new TargetDefinition("sandbox", "sandbox", "/tmp/kubeconfig", null, false, "sandbox", true, TargetSource.Sandbox)]);

    public Task<SetupOverview?> GetSetupAsync(string targetId, CancellationToken cancellationToken)
    {
        SetupReads++;
        return Unavailable is { } e ? Task.FromException<SetupOverview?>(e) : Task.FromResult(targetId == "sandbox" ? Overview : null);
    }

    public Task<SetupPlanView?> GetPlanAsync(string targetId, CancellationToken cancellationToken) => Task.FromResult(Plan);

    public Task<IReadOnlyList<SetupRunView>> ListRunsAsync(string targetId, int take, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SetupRunView>>([.. Runs.OrderByDescending(r => r.CreatedAt).Take(take)]);

    public Task<SetupRunView?> GetRunAsync(Guid runId, CancellationToken cancellationToken) => Task.FromResult(Runs.FirstOrDefault(r => r.Id == runId));

    public Task<StartRunResult> StartRunAsync(string targetId, IReadOnlyList<string>? steps, bool consent, Actor actor, CancellationToken cancellationToken)
    {
        if (ActionFailure is { } failure)
        {
            return Task.FromException<StartRunResult>(failure);
        }

        Started.Add((steps, consent));
        var run = SetupFakes.Run(Guid.NewGuid(), SetupRunState.Pending, SetupFakes.T0.AddMinutes(Runs.Count + 1), [.. (steps ?? ["namespace"]).Select(s => (s, SetupStepState.Pending))]);
        Runs.Add(run);
        return Task.FromResult(new StartRunResult(run, []));
    }

    public Task<bool> CancelRunAsync(Guid runId, Actor actor, CancellationToken cancellationToken) =>
        ActionFailure is { } failure ? Task.FromException<bool>(failure) : Task.FromResult(true);

    public Task<SettingsResult> UpdateSettingsAsync(string targetId, SetupParameters parameters, ProfileOverrides overrides, Actor actor, CancellationToken cancellationToken)
    {
        if (ActionFailure is { } failure)
        {
            return Task.FromException<SettingsResult>(failure);
        }

        var errors = parameters.Validate();
        if (errors.Count == 0 && Overview is not null)
        {
            Overview = Overview with { Parameters = parameters, Overrides = overrides };
        }

        return Task.FromResult(new SettingsResult(errors.Count == 0 ? new SetupSettings("abc123", parameters, overrides) : null, errors));
    }

    /// <summary>An exception thrown for real, so it carries a stack trace (which must never reach the page).</summary>
    public static InvalidOperationException Thrown(string message)
    {
        try
        {
            throw new InvalidOperationException(message);
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }

    /// <summary>Replaces a run (as the store would after the executor's writes).</summary>
    public void Update(SetupRunView run)
    {
        Runs.RemoveAll(r => r.Id == run.Id);
        Runs.Add(run);
    }
}
