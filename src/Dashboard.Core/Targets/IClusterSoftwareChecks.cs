namespace Dashboard.Core.Targets;

/// <summary>
/// What runs in a target's cluster, as parts of its connection test (the Istio version, the ALB flavour). Targets
/// only ask; the guided setup, which knows that software, answers, so targets never depend on the setup.
/// </summary>
public interface IClusterSoftwareChecks
{
    /// <summary>The checks of <paramref name="target"/>'s cluster; run only when its API server answers.</summary>
    Task<IReadOnlyList<ConnectionCheck>> CheckAsync(TargetClients target, CancellationToken cancellationToken);
}
