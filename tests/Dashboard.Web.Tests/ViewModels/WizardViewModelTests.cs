using Dashboard.Core.Audit;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup;
using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;
using Dashboard.Web.ViewModels.Setup;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using static Dashboard.Web.Tests.ViewModels.SetupFakes;

namespace Dashboard.Web.Tests.ViewModels;

public sealed class WizardViewModelTests
{
    private static readonly Actor s_admin = new("admin", null);

    [Fact]
    public async Task ApplyEventsAsync_RunProgressesThenEnds_RereadsTheRunAndObservesOnceItEnds()
    {
        var backend = new FakeWizardBackend();
        var model = new WizardViewModel(backend, NullLogger<WizardViewModel>.Instance);
        await model.LoadAsync("sandbox", canOperate: true, CancellationToken.None);
        await model.ApplyAsync("namespace", consent: false, s_admin, CancellationToken.None);
        var run = backend.Runs.Single();
        var started = Assert.Single(backend.Started);
        Assert.Equal(["namespace"], started.Steps);
        Assert.False(started.Consent);
        Assert.Equal(StepDisplayState.Queued, model.Steps[0].State);
        var readsBefore = backend.SetupReads;

        backend.Update(run with { State = SetupRunState.Running, Steps = [Step("namespace", SetupStepState.Running)] });
        await model.ApplyEventsAsync([Event(run.Id, SetupRunState.Running)], CancellationToken.None);
        Assert.Equal(StepDisplayState.Running, model.Steps[0].State);
        Assert.Equal(readsBefore, backend.SetupReads);

        backend.Overview = Overview(ObservationKind.Missing, ("namespace", StepObservation.InSync("Namespace httptools is in sync.")));
        backend.Update(run with { State = SetupRunState.Succeeded, Steps = [Step("namespace", SetupStepState.Succeeded)] });
        await model.ApplyEventsAsync([Event(run.Id, SetupRunState.Running), Event(run.Id, SetupRunState.Succeeded)], CancellationToken.None);

        Assert.Equal(readsBefore + 1, backend.SetupReads);
        Assert.Equal(StepDisplayState.Done, model.Steps[0].State);
        Assert.Equal("Namespace httptools is in sync.", model.Steps[0].Observation.Summary);
        Assert.Null(model.ActiveRun);
        Assert.Equal(3, model.EventsSeen);
    }

    [Fact]
    public async Task ApplyAsync_LiveEventsArrivedFirst_NewerStateIsKept()
    {
        var backend = new RacingBackend();
        var model = new WizardViewModel(backend, NullLogger<WizardViewModel>.Instance);
        await model.LoadAsync("sandbox", canOperate: true, CancellationToken.None);
        backend.OnStarted = async run =>
        {
            // The run finished before StartRunAsync returned; its events were handled meanwhile.
            backend.Update(run with { State = SetupRunState.Succeeded, Steps = [Step("namespace", SetupStepState.Succeeded)] });
            await model.ApplyEventsAsync([Event(run.Id, SetupRunState.Succeeded)], CancellationToken.None);
        };

        await model.ApplyAsync("namespace", consent: false, s_admin, CancellationToken.None);

        Assert.Equal(SetupRunState.Succeeded, model.LatestRun!.Run.State);
        Assert.Null(model.ActiveRun);
    }

    [Fact]
    public async Task LoadAsync_ClusterUnreachable_ProblemSaysWhatToDoWithoutStackTrace()
    {
        Exception inner;
        try
        {
            throw new HttpRequestException("Connection refused (127.0.0.1:6443)");
        }
        catch (HttpRequestException e)
        {
            inner = e;
        }

        var backend = new FakeWizardBackend { Unavailable = new ClusterUnavailableException("The Kubernetes API of target 'sandbox' cannot be used (HttpRequestException: Connection refused).", inner) };
        var model = new WizardViewModel(backend, NullLogger<WizardViewModel>.Instance);

        await model.LoadAsync("sandbox", canOperate: true, CancellationToken.None);

        var problem = model.LoadProblem!;
        Assert.Equal("The cluster of target 'sandbox' cannot be reached.", problem.Problem);
        Assert.Contains("Test connection", problem.Remedy, StringComparison.Ordinal);
        Assert.Equal(["ClusterUnavailableException: The Kubernetes API of target 'sandbox' cannot be used (HttpRequestException: Connection refused).", "HttpRequestException: Connection refused (127.0.0.1:6443)"], problem.Details);
        Assert.DoesNotContain(problem.Details, d => d.Contains(" at ", StringComparison.Ordinal));
        Assert.Empty(model.Steps);
    }

    [Fact]
    public async Task SaveSettingsAsync_ValidChange_SavedAndPlanReloaded_InvalidRefusedByField()
    {
        var backend = new FakeWizardBackend();
        var model = new WizardViewModel(backend, NullLogger<WizardViewModel>.Instance);
        await model.LoadAsync("sandbox", canOperate: true, CancellationToken.None);

        model.Parameters["routePrefix"] = "status";
        Assert.StartsWith("routePrefix 'status' must start with '/'", model.Parameters.ErrorOf("routePrefix"), StringComparison.Ordinal);
        Assert.Null(model.Parameters.ErrorOf("namespace"));
        await model.SaveSettingsAsync(s_admin, CancellationToken.None);
        Assert.Equal("The settings were not saved.", model.ActionProblem!.Problem);

        model.Parameters["routePrefix"] = "/probe";
        model.Profile.Overrides["istioApi"] = "Legacy";
        await model.SaveSettingsAsync(s_admin, CancellationToken.None);

        Assert.Null(model.ActionProblem);
        Assert.Equal("/probe", backend.Overview!.Parameters.RoutePrefix);
        Assert.Equal(IstioApi.Legacy, backend.Overview.Overrides.IstioApi);
        Assert.False(model.Parameters.IsDirty);
    }

    [Fact]
    public async Task Locks_ActiveRunOrViewer_SettingsAndApplyAllSayWhy()
    {
        var backend = new FakeWizardBackend();
        backend.Runs.Add(Run(SetupRunState.Waiting, ("nlb-certificate", SetupStepState.Waiting)));
        var model = new WizardViewModel(backend, NullLogger<WizardViewModel>.Instance);
        await model.LoadAsync("sandbox", canOperate: true, CancellationToken.None);
        Assert.Equal("Settings cannot change while a run is in progress.", model.SettingsLockedReason);
        Assert.Equal("A run is in progress; wait for it or cancel it.", model.ApplyAllBlockedReason);

        var viewer = new WizardViewModel(new FakeWizardBackend(), NullLogger<WizardViewModel>.Instance);
        await viewer.LoadAsync("sandbox", canOperate: false, CancellationToken.None);
        Assert.StartsWith("Viewers cannot", viewer.ApplyAllBlockedReason, StringComparison.Ordinal);
        Assert.StartsWith("Viewers cannot", viewer.SettingsLockedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshSetupAsync_UnsavedProfileOverride_KeptOnRecheckAndWhenARunEnds()
    {
        var backend = new FakeWizardBackend();
        var model = new WizardViewModel(backend, NullLogger<WizardViewModel>.Instance);
        await model.LoadAsync("sandbox", canOperate: true, CancellationToken.None);
        Assert.False(model.Profile.IsDirty);

        model.Profile.Overrides["istioApi"] = "Legacy";
        Assert.True(model.Profile.IsDirty);
        Assert.False(model.Parameters.IsDirty);
        await model.RefreshSetupAsync(reloadForms: false, CancellationToken.None);
        Assert.Equal("Legacy", model.Profile.Overrides["istioApi"]);

        // A run started elsewhere (another browser, /api) ends while the override is still unsaved.
        var run = Run(SetupRunState.Succeeded, ("namespace", SetupStepState.Succeeded));
        backend.Runs.Add(run);
        var reads = backend.SetupReads;
        await model.ApplyEventsAsync([Event(run.Id, SetupRunState.Succeeded)], CancellationToken.None);
        Assert.Equal(reads + 1, backend.SetupReads);
        Assert.Equal("Legacy", model.Profile.Overrides["istioApi"]);
        Assert.Equal(IstioApi.Legacy, model.Profile.ToOverrides().IstioApi);

        // Discarded, the form follows the stored settings again, including a change saved elsewhere.
        model.ResetSettings();
        Assert.False(model.Profile.IsDirty);
        backend.Overview = backend.Overview! with { Overrides = new ProfileOverrides(AlbFlavour: AlbFlavour.IbmIngress) };
        await model.RefreshSetupAsync(reloadForms: false, CancellationToken.None);
        Assert.Equal("IbmIngress", model.Profile.Overrides["albFlavour"]);
        Assert.Null(model.Profile.Overrides["istioApi"]);
        Assert.False(model.Profile.IsDirty);
    }

    [Fact]
    public async Task Actions_BackendFailsUnexpectedly_ProblemInWordsWithReference_LoggedOnceAtError()
    {
        var backend = new FakeWizardBackend { Unavailable = FakeWizardBackend.Thrown("Sequence contains no matching element") };
        var logger = new FakeLogger<WizardViewModel>();
        var model = new WizardViewModel(backend, logger);

        await model.LoadAsync("sandbox", canOperate: true, CancellationToken.None);

        AssertUnexpected(model.LoadProblem, "The setup of target 'sandbox' could not be read.", logger, backend.Unavailable);

        backend.Unavailable = null;
        await model.RefreshSetupAsync(reloadForms: true, CancellationToken.None);
        Assert.Null(model.LoadProblem);
        Assert.NotEmpty(model.Steps);

        backend.ActionFailure = FakeWizardBackend.Thrown("The connection pool has been exhausted");
        await model.ApplyAsync("namespace", consent: false, s_admin, CancellationToken.None);
        AssertUnexpected(model.ActionProblem, "The run was not started.", logger, backend.ActionFailure);

        await model.SaveSettingsAsync(s_admin, CancellationToken.None);
        AssertUnexpected(model.ActionProblem, "The settings were not saved.", logger, backend.ActionFailure);

        backend.Runs.Add(Run(SetupRunState.Running, ("namespace", SetupStepState.Running)));
        await model.LoadAsync("sandbox", canOperate: true, CancellationToken.None);
        await model.CancelAsync(s_admin, CancellationToken.None);
        AssertUnexpected(model.ActionProblem, "The run could not be cancelled.", logger, backend.ActionFailure);
        Assert.Null(model.Notice);
        Assert.Equal(4, logger.Collector.GetSnapshot().Count(r => r.Level == LogLevel.Error));
    }

    [Fact]
    public async Task ApplyAsync_PageWentAway_CancellationIsNotAProblem()
    {
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();
        var backend = new FakeWizardBackend();
        var model = new WizardViewModel(backend, NullLogger<WizardViewModel>.Instance);
        await model.LoadAsync("sandbox", canOperate: true, CancellationToken.None);
        backend.ActionFailure = new OperationCanceledException(gone.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => model.ApplyAsync("namespace", consent: false, s_admin, gone.Token));
        Assert.Null(model.ActionProblem);

        // A timeout inside a client is a cancellation too, but not the page's: that one is a problem.
        backend.ActionFailure = new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 30 seconds elapsing.");
        await model.ApplyAsync("namespace", consent: false, s_admin, CancellationToken.None);
        Assert.Equal("The run was not started.", model.ActionProblem!.Problem);
    }

    [Fact]
    public async Task NothingRemains_EveryStepDoneAndVerified_ApplyAllSaysSo()
    {
        var backend = new FakeWizardBackend { Overview = Overview(ObservationKind.InSync) };
        var model = new WizardViewModel(backend, NullLogger<WizardViewModel>.Instance);
        await model.LoadAsync("sandbox", canOperate: true, CancellationToken.None);
        Assert.False(model.NothingRemains);
        Assert.Null(model.ApplyAllBlockedReason);

        var verified = Run(SetupRunState.Succeeded, ("verify-gateway", SetupStepState.Succeeded), ("verify-alb", SetupStepState.Succeeded));
        backend.Runs.Add(verified);
        await model.ApplyEventsAsync([Event(verified.Id, SetupRunState.Succeeded)], CancellationToken.None);

        Assert.True(model.NothingRemains);
        Assert.StartsWith("Every step is applied and both verifications passed", model.ApplyAllBlockedReason, StringComparison.Ordinal);
    }

    private static void AssertUnexpected(ProblemInfo? problem, string expected, FakeLogger<WizardViewModel> logger, Exception thrown)
    {
        Assert.NotNull(problem);
        Assert.Equal(expected, problem.Problem);
        Assert.NotNull(problem.Remedy);
        var reference = Assert.Single(problem.Details)["Reference: ".Length..];
        var shown = string.Join("\n", new[] { problem.Problem, problem.Cause, problem.Remedy }.Concat(problem.Details));
        Assert.DoesNotContain(thrown.Message, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), shown, StringComparison.Ordinal);

        // Logged once, at Error, with the exception and the reference the page shows.
        var record = Assert.Single(logger.Collector.GetSnapshot(), r => r.Message.Contains(reference, StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Same(thrown, record.Exception);
    }

    private static SetupEvent Event(Guid runId, SetupRunState state) => new(runId, "sandbox", state, null, null, null, DateTimeOffset.UnixEpoch);

    private sealed class RacingBackend : IWizardBackend
    {
        private readonly FakeWizardBackend _inner = new();

        public Func<SetupRunView, Task>? OnStarted { get; set; }

        public void Update(SetupRunView run) => _inner.Update(run);

        public Task<IReadOnlyList<Dashboard.Core.Targets.TargetDefinition>> ListTargetsAsync(CancellationToken cancellationToken) => _inner.ListTargetsAsync(cancellationToken);

        public Task<SetupOverview?> GetSetupAsync(string targetId, CancellationToken cancellationToken) => _inner.GetSetupAsync(targetId, cancellationToken);

        public Task<SetupPlanView?> GetPlanAsync(string targetId, CancellationToken cancellationToken) => _inner.GetPlanAsync(targetId, cancellationToken);

        public Task<IReadOnlyList<SetupRunView>> ListRunsAsync(string targetId, int take, CancellationToken cancellationToken) => _inner.ListRunsAsync(targetId, take, cancellationToken);

        public Task<SetupRunView?> GetRunAsync(Guid runId, CancellationToken cancellationToken) => _inner.GetRunAsync(runId, cancellationToken);

        public async Task<StartRunResult> StartRunAsync(string targetId, IReadOnlyList<string>? steps, bool consent, Actor actor, CancellationToken cancellationToken)
        {
            var result = await _inner.StartRunAsync(targetId, steps, consent, actor, cancellationToken);
            await OnStarted!(result.Run!);
            return result;
        }

        public Task<bool> CancelRunAsync(Guid runId, Actor actor, CancellationToken cancellationToken) => _inner.CancelRunAsync(runId, actor, cancellationToken);

        public Task<SettingsResult> UpdateSettingsAsync(string targetId, SetupParameters parameters, ProfileOverrides overrides, Actor actor, CancellationToken cancellationToken) =>
            _inner.UpdateSettingsAsync(targetId, parameters, overrides, actor, cancellationToken);
    }
}
