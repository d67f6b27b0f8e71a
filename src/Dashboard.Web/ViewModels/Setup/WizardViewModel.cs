using Dashboard.Core.Audit;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup;
using Dashboard.Core.Setup.Runs;
using Dashboard.Web.Logging;

namespace Dashboard.Web.ViewModels.Setup;

/// <summary>
/// The wizard of one target: loads the setup (profile, parameters, every step's observation and plan) and the recent
/// runs, turns them into panels and step rows, starts and cancels runs and saves settings through the service layer,
/// and follows runs live from the event stream (a batch of events re-reads the runs it names; a run that ends
/// triggers one fresh observation of the cluster). It decides nothing about provisioning. No request ends the page:
/// a failure becomes a problem in words on it (unexpected ones are logged once, with a reference the page shows).
/// </summary>
public sealed class WizardViewModel(IWizardBackend backend, ILogger<WizardViewModel> logger)
{
    /// <summary>How many recent runs are kept (each step shows its latest result from them).</summary>
    public const int RunHistory = 20;

    private readonly List<SetupRunView> _runs = [];

    public string TargetId { get; private set; } = string.Empty;

    public bool CanOperate { get; private set; }

    public bool Loading { get; private set; }

    public bool NotFound { get; private set; }

    public SetupOverview? Overview { get; private set; }

    public SetupPlanView? Plan { get; private set; }

    public IReadOnlyList<SetupRunView> Runs => _runs;

    public IReadOnlyList<StepRow> Steps { get; private set; } = [];

    public IReadOnlyList<PanelSummary> Panels { get; private set; } = [];

    public ParametersForm Parameters { get; } = new();

    public ProfileForm Profile { get; } = new();

    /// <summary>Why the setup could not be loaded (the cluster is unreachable).</summary>
    public ProblemInfo? LoadProblem { get; private set; }

    /// <summary>Why the last request (start, cancel, save) was refused.</summary>
    public ProblemInfo? ActionProblem { get; private set; }

    /// <summary>A short confirmation of the last request.</summary>
    public string? Notice { get; private set; }

    /// <summary>How many live events reached this view (tests use it to show that a disposed view gets none).</summary>
    public int EventsSeen { get; private set; }

    /// <summary>The newest run.</summary>
    public RunSummary? LatestRun => _runs.Count > 0 ? new RunSummary(_runs[0]) : null;

    /// <summary>The run in progress, if any.</summary>
    public RunSummary? ActiveRun => StepRows.ActiveRun(_runs) is { } run ? new RunSummary(run) : null;

    /// <summary>Whether every step is done (or not needed) and every verification passed: "Apply all remaining" has nothing to do.</summary>
    public bool NothingRemains => ActiveRun is null && Steps.Count > 0
        && Steps.All(s => s.State is StepDisplayState.Done or StepDisplayState.Passed or StepDisplayState.NotNeeded);

    /// <summary>Why "Apply all remaining" cannot be used now; null when it can.</summary>
    public string? ApplyAllBlockedReason => !CanOperate ? "Viewers cannot apply steps: ask an Operator or an Admin."
        : ActiveRun is not null ? "A run is in progress; wait for it or cancel it."
        : Overview is null ? "The setup has not been loaded."
        : NothingRemains ? "Every step is applied and both verifications passed; to check the chain again, use Verify again in the Verify panel."
        : null;

    /// <summary>Why the settings cannot be changed now; null when they can.</summary>
    public string? SettingsLockedReason => !CanOperate ? "Viewers cannot change the setup's settings."
        : ActiveRun is not null ? "Settings cannot change while a run is in progress."
        : null;

    /// <summary>The panel to open first: the first one with work left, else Verify.</summary>
    public int FirstOpenPanel
    {
        get
        {
            var open = Panels.ToList().FindIndex(p => !p.Completed);
            return open >= 0 ? open : Math.Max(0, Panels.Count - 1);
        }
    }

    /// <summary>Loads the target's setup and runs.</summary>
    public async Task LoadAsync(string targetId, bool canOperate, CancellationToken cancellationToken)
    {
        TargetId = targetId;
        CanOperate = canOperate;
        Loading = true;
        try
        {
            _runs.Clear();
            _runs.AddRange(await backend.ListRunsAsync(targetId, RunHistory, cancellationToken));
            await RefreshSetupAsync(reloadForms: true, cancellationToken);
        }
        catch (Exception e) when (!IsCancellation(e, cancellationToken))
        {
            LoadProblem = Unexpected($"The runs of target '{targetId}' could not be read.", "load the runs", e);
        }
        finally
        {
            Loading = false;
            Rebuild();
        }
    }

    /// <summary>Observes the cluster again (the Re-check button, and after every run).</summary>
    public async Task RefreshSetupAsync(bool reloadForms, CancellationToken cancellationToken)
    {
        try
        {
            var overview = await backend.GetSetupAsync(TargetId, cancellationToken);
            if (overview is null)
            {
                NotFound = true;
                return;
            }

            Plan = await backend.GetPlanAsync(TargetId, cancellationToken);
            Overview = overview;
            LoadProblem = null;
            // Edits not saved yet survive a re-check and the end of a run (which may come from another browser).
            if (reloadForms || !(Parameters.IsDirty || Profile.IsDirty))
            {
                Parameters.Load(overview.Parameters);
                Profile.Load(overview.Detection, overview.Overrides);
            }
        }
        catch (ClusterUnavailableException e)
        {
            WebLog.SetupUnreadable(logger, TargetId, e.Message);
            LoadProblem = ProblemInfo.FromException($"The cluster of target '{TargetId}' cannot be reached.", e,
                "Use Test connection on the Targets page to see which part fails, fix the kubeconfig or the network, then press Re-check.");
        }
        catch (Exception e) when (!IsCancellation(e, cancellationToken))
        {
            LoadProblem = Unexpected($"The setup of target '{TargetId}' could not be read.", "read the setup", e);
        }
        finally
        {
            Rebuild();
        }
    }

    /// <summary>Handles a batch of live events: re-reads the runs they name; a run that ended makes the cluster be observed again.</summary>
    public async Task ApplyEventsAsync(IReadOnlyList<SetupEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        EventsSeen += events.Count;
        var ended = false;
        foreach (var runId in events.Select(e => e.RunId).Distinct())
        {
            if (await backend.GetRunAsync(runId, cancellationToken) is { } run)
            {
                Upsert(run);
                ended |= !StepRows.IsActive(run.State);
            }
        }

        Rebuild();
        if (ended)
        {
            await RefreshSetupAsync(reloadForms: false, cancellationToken);
        }
    }

    /// <summary>Starts a run of one step (or, with null, of all remaining steps).</summary>
    public async Task ApplyAsync(string? stepId, bool consent, Actor actor, CancellationToken cancellationToken)
    {
        ClearMessages();
        StartRunResult result;
        try
        {
            result = await backend.StartRunAsync(TargetId, stepId is null ? null : [stepId], consent, actor, cancellationToken);
        }
        catch (Exception e) when (!IsCancellation(e, cancellationToken))
        {
            ActionProblem = Unexpected("The run was not started.", stepId is null ? "apply all remaining steps" : $"apply step {stepId}", e);
            return;
        }

        if (result.Run is { } run && _runs.TrueForAll(r => r.Id != run.Id))
        {
            // The run bar and the step's chip show it from here on. Its live events may have arrived first, with a
            // newer state than this snapshot taken when it was accepted: then that state stays.
            Upsert(run);
        }
        else
        {
            ActionProblem = new ProblemInfo("The run was not started.", string.Join(" ", result.Errors),
                result.ConflictingRun is not null ? "Wait for the active run to end, or cancel it." : "Correct the settings above, then try again.", null, []);
        }

        Rebuild();
    }

    /// <summary>Asks the active run to stop before its next step.</summary>
    public async Task CancelAsync(Actor actor, CancellationToken cancellationToken)
    {
        ClearMessages();
        if (ActiveRun is not { } active)
        {
            return;
        }

        bool cancelled;
        try
        {
            cancelled = await backend.CancelRunAsync(active.Run.Id, actor, cancellationToken);
        }
        catch (Exception e) when (!IsCancellation(e, cancellationToken))
        {
            ActionProblem = Unexpected("The run could not be cancelled.", "cancel the run", e);
            return;
        }

        if (cancelled)
        {
            Notice = "Cancelling: the run stops before its next step.";
        }
        else
        {
            ActionProblem = new ProblemInfo("The run could not be cancelled.", "It has already ended.", null, null, []);
        }
    }

    /// <summary>Saves the parameters and profile overrides; the plan is recomputed with them.</summary>
    public async Task SaveSettingsAsync(Actor actor, CancellationToken cancellationToken)
    {
        ClearMessages();
        SettingsResult result;
        try
        {
            result = await backend.UpdateSettingsAsync(TargetId, Parameters.ToParameters(), Profile.ToOverrides(), actor, cancellationToken);
        }
        catch (Exception e) when (!IsCancellation(e, cancellationToken))
        {
            ActionProblem = Unexpected("The settings were not saved.", "save the settings", e);
            return;
        }

        if (result.Errors.Count > 0)
        {
            ActionProblem = new ProblemInfo("The settings were not saved.", string.Join(" ", result.Errors), "Correct the fields marked in red, then save again.", null, []);
            return;
        }

        Notice = "Settings saved; the plan below uses them.";
        await RefreshSetupAsync(reloadForms: true, cancellationToken);
    }

    /// <summary>Discards edits to the settings.</summary>
    public void ResetSettings()
    {
        if (Overview is not null)
        {
            Parameters.Load(Overview.Parameters);
            Profile.Load(Overview.Detection, Overview.Overrides);
        }
    }

    /// <summary>A live update failed to load: said on the page (and logged), the stream goes on.</summary>
    public void ReportLiveProblem(Exception exception) =>
        ActionProblem = Unexpected("Live progress could not be read.", "follow the run live", exception,
            "Reload the page; the run itself goes on in the background.");

    public void ClearMessages()
    {
        ActionProblem = null;
        Notice = null;
    }

    // Only the page going away cancels on purpose; any other cancellation (a timeout inside a client) is a failure.
    private static bool IsCancellation(Exception e, CancellationToken cancellationToken) =>
        e is OperationCanceledException && cancellationToken.IsCancellationRequested;

    private ProblemInfo Unexpected(string problem, string action, Exception exception, string? remedy = null)
    {
        var reference = ProblemInfo.NewReference();
        WebLog.WizardFailed(logger, exception, action, TargetId, reference);
        return ProblemInfo.Unexpected(problem, reference, remedy);
    }

    private void Upsert(SetupRunView run)
    {
        var index = _runs.FindIndex(r => r.Id == run.Id);
        if (index >= 0)
        {
            _runs[index] = run;
        }
        else
        {
            _runs.Add(run);
            _runs.Sort((a, b) => b.CreatedAt.CompareTo(a.CreatedAt));
            if (_runs.Count > RunHistory)
            {
                _runs.RemoveRange(RunHistory, _runs.Count - RunHistory);
            }
        }
    }

    private void Rebuild()
    {
        Steps = Overview is null ? [] : StepRows.Build(Overview, Plan, _runs, CanOperate);
        Panels = PanelSummary.Of(Steps);
    }
}
