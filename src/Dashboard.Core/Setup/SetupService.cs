using Dashboard.Core.Audit;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup.Steps;
using Dashboard.Core.Storage;
using Dashboard.Core.Targets;
using k8s.Autorest;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Setup;

/// <summary>An open setup on a target: the context steps run in, the detection and the settings.</summary>
/// <param name="Context">The step context.</param>
/// <param name="Detection">The detected profile.</param>
/// <param name="Settings">The setup's settings.</param>
public sealed record SetupSession(StepContext Context, ProfileDetection Detection, SetupSettings Settings);

/// <summary>A step and what it observed.</summary>
/// <param name="Id">The step id.</param>
/// <param name="Number">1..15.</param>
/// <param name="Title">The title.</param>
/// <param name="Group">The seed section.</param>
/// <param name="Applies">False when the profile does not need it (step 12 outside Legacy).</param>
/// <param name="Observation">What is there now.</param>
public sealed record StepStatus(string Id, int Number, string Title, SetupStepGroup Group, bool Applies, StepObservation Observation);

/// <summary>A target's setup: profile (with evidence), parameters and every step's state.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="SetupId">The setup id.</param>
/// <param name="Detection">The profile.</param>
/// <param name="Parameters">The parameters.</param>
/// <param name="Overrides">The profile overrides.</param>
/// <param name="Steps">The steps.</param>
public sealed record SetupOverview(string TargetId, string SetupId, ProfileDetection Detection, SetupParameters Parameters, ProfileOverrides Overrides, IReadOnlyList<StepStatus> Steps);

/// <summary>One step's plan.</summary>
/// <param name="Id">The step id.</param>
/// <param name="Number">1..15.</param>
/// <param name="Title">The title.</param>
/// <param name="Applies">Whether the profile needs it.</param>
/// <param name="Plan">The plan.</param>
public sealed record StepPlanView(string Id, int Number, string Title, bool Applies, StepPlan Plan);

/// <summary>The whole plan.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="Profile">The profile.</param>
/// <param name="Steps">Each step's plan.</param>
public sealed record SetupPlanView(string TargetId, SetupProfile Profile, IReadOnlyList<StepPlanView> Steps);

/// <summary>The outcome of a settings change.</summary>
/// <param name="Settings">The stored settings.</param>
/// <param name="Errors">Why it was refused.</param>
public sealed record SettingsResult(SetupSettings? Settings, IReadOnlyList<string> Errors);

/// <summary>
/// The guided setup's entry point for pages and /api: detect the profile, observe every step, plan (YAML and diffs),
/// change parameters and overrides. Runs are started through <see cref="Runs.SetupRunService"/>, cleanup through <see cref="Runs.SetupCleanupService"/>.
/// </summary>
public sealed class SetupService(ITargetClients clients, SetupStore store, StepServices services, ILoggerFactory loggers)
{
    /// <summary>Opens the setup of a target (detecting its profile); null when the target does not exist.</summary>
    /// <exception cref="ClusterUnavailableException">The target's kubeconfig cannot be used, or its cluster cannot be reached.</exception>
    public async Task<SetupSession?> OpenAsync(string targetId, bool consent, CancellationToken cancellationToken)
    {
        var target = await clients.GetAsync(targetId, cancellationToken);
        if (target is null)
        {
            return null;
        }

        var settings = await store.GetAsync(targetId, cancellationToken);
        try
        {
            var (detection, reads) = await ProfileDetector.DetectWithReadsAsync(target, settings.Overrides, cancellationToken);
            var context = new StepContext(target, detection.Profile, settings.Parameters, settings.SetupId, services, consent, loggers.CreateLogger("Dashboard.Core.Setup.Steps"));
            context.Facts.Remember(reads);

            return new SetupSession(context, detection, settings);
        }
        catch (Exception e) when (e is HttpRequestException or HttpOperationException or KubernetesApiException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ClusterUnavailableException(targetId, ClusterProblem.Unreachable, $"The Kubernetes API of target '{targetId}' cannot be used ({e.GetType().Name}: {e.Message}); test the target's connection to see which part fails.", e);
        }
    }

    /// <summary>Profile, parameters and every step's observation; null when the target does not exist.</summary>
    public async Task<SetupOverview?> GetAsync(string targetId, CancellationToken cancellationToken)
    {
        var session = await OpenAsync(targetId, consent: false, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var steps = new List<StepStatus>();
        foreach (var step in SetupSteps.All)
        {
            session.Context.BeginStep(step.Id);
            var applies = step.AppliesTo(session.Context.Profile);
            var observation = applies ? await ObserveSafelyAsync(step, session.Context, cancellationToken) : StepObservation.InSync("Not needed in this profile.");
            steps.Add(new StepStatus(step.Id, step.Number, step.Title, step.Group, applies, observation));
        }

        return new SetupOverview(targetId, session.Settings.SetupId, session.Detection, session.Settings.Parameters, session.Settings.Overrides, steps);
    }

    /// <summary>What every step would write (secrets without their values) with diffs and commands; null when the target does not exist.</summary>
    public async Task<SetupPlanView?> PlanAsync(string targetId, CancellationToken cancellationToken)
    {
        var session = await OpenAsync(targetId, consent: false, cancellationToken);
        if (session is null)
        {
            return null;
        }

        session.Context.IsPlanning = true;
        var plans = new List<StepPlanView>();
        foreach (var step in SetupSteps.All)
        {
            session.Context.BeginStep(step.Id);
            var applies = step.AppliesTo(session.Context.Profile);
            StepPlan plan;
            try
            {
                plan = applies ? await step.PlanAsync(session.Context, cancellationToken) : new StepPlan(StepObservation.InSync("Not needed in this profile."), [], []);
            }
            catch (KubernetesApiException e)
            {
                plan = new StepPlan(StepObservation.Blocked(e.Message, "Check the cluster and the dashboard's permissions.", SetupCodes.Kubernetes), [], []);
            }

            plans.Add(new StepPlanView(step.Id, step.Number, step.Title, applies, plan));
        }

        return new SetupPlanView(targetId, session.Context.Profile, plans);
    }

    /// <summary>Changes the parameters and/or overrides; invalid parameters change nothing.</summary>
    public async Task<SettingsResult> UpdateSettingsAsync(string targetId, SetupParameters? parameters, ProfileOverrides? overrides, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var current = await store.GetAsync(targetId, cancellationToken);
        var next = parameters ?? current.Parameters;
        var nextOverrides = overrides ?? current.Overrides;
        var errors = next.Validate().Concat(nextOverrides.Validate()).ToList();
        if (errors.Count > 0)
        {
            return new SettingsResult(null, errors);
        }

        var record = new AuditRecord(actor, "setup.settings", targetId, AuditResult.Succeeded, $"parameters {next}; overrides {nextOverrides}");
        await store.SaveAsync(targetId, next, nextOverrides, db => services.Audit.Append(db, record), cancellationToken);
        return new SettingsResult(await store.GetAsync(targetId, cancellationToken), []);
    }

    internal static async Task<StepObservation> ObserveSafelyAsync(ISetupStep step, StepContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await step.ObserveAsync(context, cancellationToken);
        }
        catch (StepBlockedException blocked)
        {
            return blocked.Observation;
        }
        catch (KubernetesApiException e)
        {
            return StepObservation.Blocked(e.Message, "Check the cluster and the dashboard's permissions.", SetupCodes.Kubernetes);
        }
    }
}
