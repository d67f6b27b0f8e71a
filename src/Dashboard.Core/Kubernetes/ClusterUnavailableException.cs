namespace Dashboard.Core.Kubernetes;

/// <summary>Why a target's cluster cannot be used; each says what to do, and the web layer adds where to do it.</summary>
public enum ClusterProblem
{
    /// <summary>The target's connection settings cannot be used (kubeconfig file or context, in-cluster account): correct the target, then test its connection.</summary>
    Settings,

    /// <summary>The Kubernetes API does not answer as it should: test the target's connection to see which part fails.</summary>
    Unreachable,
}

/// <summary>A target's cluster cannot be used; the message says what failed and what to do, in the dashboard's own terms.</summary>
public sealed class ClusterUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterUnavailableException(string targetId, ClusterProblem problem, string message, Exception? inner = null)
        : base(message, inner)
    {
        TargetId = targetId;
        Problem = problem;
    }

    /// <summary>Creates the exception.</summary>
    public ClusterUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClusterUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClusterUnavailableException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    /// <summary>The target whose cluster cannot be used, when known.</summary>
    public string? TargetId { get; }

    /// <summary>What kind of problem it is, which decides the remedy.</summary>
    public ClusterProblem Problem { get; } = ClusterProblem.Unreachable;
}
