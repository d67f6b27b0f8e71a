using Dashboard.Core.Audit;
using Dashboard.Core.Setup.Ownership;
using Dashboard.Core.Setup.Runs;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Setup;

/// <summary>The long-lived services every step execution shares (the ledger, markers, the private CA store, the audit log, options, the clock).</summary>
/// <param name="ledger">The ownership ledger.</param>
/// <param name="markers">Per-setup markers.</param>
/// <param name="privateCas">The private CA store.</param>
/// <param name="audit">The audit log.</param>
/// <param name="options">Timings.</param>
/// <param name="time">The dashboard's clock (leases, timeouts of waits).</param>
/// <param name="hooks">Test hooks inside steps; none in production.</param>
public sealed class StepServices(OwnershipLedger ledger, SetupMarkers markers, PrivateCaStore privateCas, IAuditLog audit, IOptions<SetupOptions> options, TimeProvider time, ISetupRunHooks? hooks = null)
{
    /// <summary>The ownership ledger.</summary>
    public OwnershipLedger Ledger => ledger;

    /// <summary>Per-setup markers.</summary>
    public SetupMarkers Markers => markers;

    /// <summary>The private CA store.</summary>
    public PrivateCaStore PrivateCas => privateCas;

    /// <summary>The audit log.</summary>
    public IAuditLog Audit => audit;

    /// <summary>Timings.</summary>
    public SetupOptions Options => options.Value;

    /// <summary>The dashboard's own clock.</summary>
    public TimeProvider Time => time;

    /// <summary>Test hooks inside steps, or null (production).</summary>
    public ISetupRunHooks? Hooks => hooks;
}
