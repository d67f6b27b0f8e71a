namespace Dashboard.Core.Setup.Steps;

/// <summary>A step that only reads (steps 5 and 6): in sync when the fact can be read, blocked with the reason otherwise.</summary>
public abstract class FactStep : ISetupStep
{
    /// <inheritdoc />
    public abstract string Id { get; }

    /// <inheritdoc />
    public abstract string Title { get; }

    /// <inheritdoc />
    public SetupStepGroup Group => SetupStepGroup.RegisterTheGatewaysDnsName;

    /// <summary>Reads the fact; throws <see cref="StepBlockedException"/> when it cannot.</summary>
    protected abstract Task<StepObservation> ReadAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>The commands a person would type.</summary>
    protected abstract IReadOnlyList<string> Commands(StepContext context);

    /// <inheritdoc />
    public async Task<StepObservation> ObserveAsync(StepContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(context, cancellationToken);
        }
        catch (StepBlockedException blocked)
        {
            return blocked.Observation;
        }
    }

    /// <inheritdoc />
    public async Task<StepPlan> PlanAsync(StepContext context, CancellationToken cancellationToken) =>
        new(await ObserveAsync(context, cancellationToken), [], Commands(context));

    /// <inheritdoc />
    public async Task<StepOutcome> ApplyAsync(StepContext context, CancellationToken cancellationToken)
    {
        var observation = await ObserveAsync(context, cancellationToken);
        return observation.Kind == ObservationKind.InSync ? StepOutcome.Success(observation.Summary) : StepOutcome.From(observation);
    }

    /// <inheritdoc />
    public Task<StepOutcome> VerifyAsync(StepContext context, CancellationToken cancellationToken) => ApplyAsync(context, cancellationToken);

    /// <inheritdoc />
    public Task<StepOutcome> CleanupAsync(StepContext context, CancellationToken cancellationToken) =>
        Task.FromResult(StepOutcome.Success("Nothing to clean up: this step only reads."));
}
