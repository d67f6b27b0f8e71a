namespace Dashboard.Core.Setup;

/// <summary>The seed's sections, which group the steps.</summary>
public enum SetupStepGroup
{
    /// <summary>Steps 1-4: namespace, httpbin, mTLS in the namespace.</summary>
    PrepareTheMesh,

    /// <summary>Steps 5-8: ALB facts, gateway address, nlb-dns registration and its certificate.</summary>
    RegisterTheGatewaysDnsName,

    /// <summary>Step 9: the derived secrets.</summary>
    BuildTheSecrets,

    /// <summary>Steps 10-13: Gateway, VirtualService, reload, verification.</summary>
    ConfigureTheGateway,

    /// <summary>Steps 14-15: the ALB Ingress and its verification.</summary>
    ConfigureTheAlb,
}

/// <summary>
/// One step of the seed, idempotent and resumable: it observes what is there, plans what it would write (YAML and a
/// diff), applies with server-side apply under one field manager, verifies, and can undo what it did. Steps keep no
/// state of their own: everything comes from the <see cref="StepContext"/> and is re-derived by observation.
/// </summary>
public interface ISetupStep
{
    /// <summary>A stable id, e.g. <c>namespace</c>.</summary>
    string Id { get; }

    /// <summary>The seed's order, 1..15: the step's place in <see cref="Steps.SetupSteps.All"/>, the one list that orders the steps.</summary>
    int Number => Steps.SetupSteps.NumberOf(Id);

    /// <summary>A short title.</summary>
    string Title { get; }

    /// <summary>The seed section it belongs to.</summary>
    SetupStepGroup Group { get; }

    /// <summary>Whether the step has anything to do in <paramref name="profile"/> (step 12 only in Legacy); otherwise it is skipped.</summary>
    bool AppliesTo(SetupProfile profile) => true;

    /// <summary>What is there now: InSync, Missing, Drifted (with the differing fields), Blocked (with the reason and what unblocks it) or Waiting.</summary>
    Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>The objects it would write (secrets as keys and certificate summaries only), diffs against the cluster, and the equivalent commands.</summary>
    Task<StepPlan> PlanAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>Makes the cluster match; never overwrites what it does not own without <see cref="StepContext.Consent"/>.</summary>
    Task<StepOutcome> ApplyAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>Checks that the step's effect holds (for the verification steps: the probes).</summary>
    Task<StepOutcome> VerifyAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>Undoes the step: deletes what this setup created, restores pre-existing objects it changed.</summary>
    Task<StepOutcome> CleanupAsync(StepContext context, CancellationToken cancellationToken);
}
