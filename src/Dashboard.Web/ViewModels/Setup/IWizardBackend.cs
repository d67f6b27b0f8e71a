using Dashboard.Core.Audit;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup;
using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Targets;

namespace Dashboard.Web.ViewModels.Setup;

/// <summary>
/// What the setup pages need from the service layer, in one seam: the same services /api uses, called in process.
/// Pages and view models depend on this so that component tests can feed them without a cluster.
/// </summary>
public interface IWizardBackend
{
    /// <summary>Every target.</summary>
    Task<IReadOnlyList<TargetDefinition>> ListTargetsAsync(CancellationToken cancellationToken);

    /// <summary>Profile, parameters and every step's observation; null when the target does not exist.</summary>
    /// <exception cref="ClusterUnavailableException">The cluster cannot be reached.</exception>
    Task<SetupOverview?> GetSetupAsync(string targetId, CancellationToken cancellationToken);

    /// <summary>What every step would write, with diffs and commands; null when the target does not exist.</summary>
    /// <exception cref="ClusterUnavailableException">The cluster cannot be reached.</exception>
    Task<SetupPlanView?> GetPlanAsync(string targetId, CancellationToken cancellationToken);

    /// <summary>The target's recent runs, newest first.</summary>
    Task<IReadOnlyList<SetupRunView>> ListRunsAsync(string targetId, int take, CancellationToken cancellationToken);

    /// <summary>One run, or null.</summary>
    Task<SetupRunView?> GetRunAsync(Guid runId, CancellationToken cancellationToken);

    /// <summary>Starts a run of all remaining steps (<paramref name="steps"/> null) or of the given steps.</summary>
    Task<StartRunResult> StartRunAsync(string targetId, IReadOnlyList<string>? steps, bool consent, Actor actor, CancellationToken cancellationToken);

    /// <summary>Asks an active run to stop before its next step.</summary>
    Task<bool> CancelRunAsync(Guid runId, Actor actor, CancellationToken cancellationToken);

    /// <summary>Changes parameters and overrides (validated; invalid input changes nothing).</summary>
    Task<SettingsResult> UpdateSettingsAsync(string targetId, SetupParameters parameters, ProfileOverrides overrides, Actor actor, CancellationToken cancellationToken);
}

/// <summary>The seam over <see cref="TargetService"/>, <see cref="SetupService"/> and <see cref="SetupRunService"/>.</summary>
public sealed class WizardBackend(TargetService targets, SetupService setup, SetupRunService runs) : IWizardBackend
{
    public Task<IReadOnlyList<TargetDefinition>> ListTargetsAsync(CancellationToken cancellationToken) => targets.ListAsync(cancellationToken);

    public Task<SetupOverview?> GetSetupAsync(string targetId, CancellationToken cancellationToken) => setup.GetAsync(targetId, cancellationToken);

    public Task<SetupPlanView?> GetPlanAsync(string targetId, CancellationToken cancellationToken) => setup.PlanAsync(targetId, cancellationToken);

    public Task<IReadOnlyList<SetupRunView>> ListRunsAsync(string targetId, int take, CancellationToken cancellationToken) => runs.ListAsync(targetId, take, cancellationToken);

    public Task<SetupRunView?> GetRunAsync(Guid runId, CancellationToken cancellationToken) => runs.GetAsync(runId, cancellationToken);

    public Task<StartRunResult> StartRunAsync(string targetId, IReadOnlyList<string>? steps, bool consent, Actor actor, CancellationToken cancellationToken) =>
        runs.StartAsync(targetId, steps, consent, actor, cancellationToken);

    public Task<bool> CancelRunAsync(Guid runId, Actor actor, CancellationToken cancellationToken) => runs.CancelAsync(runId, actor, cancellationToken);

    public Task<SettingsResult> UpdateSettingsAsync(string targetId, SetupParameters parameters, ProfileOverrides overrides, Actor actor, CancellationToken cancellationToken) =>
        setup.UpdateSettingsAsync(targetId, parameters, overrides, actor, cancellationToken);
}
