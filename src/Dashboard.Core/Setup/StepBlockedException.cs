namespace Dashboard.Core.Setup;

/// <summary>Thrown inside a step when something it needs is missing; the step reports <see cref="Observation"/>.</summary>
public sealed class StepBlockedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StepBlockedException(StepObservation observation)
        : base(observation?.Summary)
    {
        Observation = observation ?? throw new ArgumentNullException(nameof(observation));
    }

    /// <summary>Creates the exception.</summary>
    public StepBlockedException()
        : this(StepObservation.Blocked("The step is blocked.", "See the step's details."))
    {
    }

    /// <summary>Creates the exception.</summary>
    public StepBlockedException(string message)
        : this(StepObservation.Blocked(message, "See the step's details."))
    {
    }

    /// <summary>Creates the exception.</summary>
    public StepBlockedException(string message, Exception inner)
        : base(message, inner)
    {
        Observation = StepObservation.Blocked(message, "See the step's details.");
    }

    /// <summary>The blocked (or waiting) observation.</summary>
    public StepObservation Observation { get; }

    /// <summary>Blocked on the result of the earlier step <paramref name="step"/> (one of <see cref="Steps.StepIds"/>).</summary>
    public static StepBlockedException Prerequisite(string what, string step) =>
        new(StepObservation.Blocked(what, $"Run step '{step}' first (or the whole setup).", SetupCodes.Prerequisite));
}
