using System.Text.Json.Nodes;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Setup.Ownership;

/// <summary>
/// The ledger of what each setup created (objects and IKS registrations) and of pre-existing objects it changed, with
/// their prior state. Entries are written before the change (as <see cref="OwnershipOrigin.Intended"/> for creates)
/// and confirmed after it, so a crash between the two leaves a trace that the resumed run reconciles instead of an
/// orphan. Prior states of secrets are encrypted with Data Protection.
/// </summary>
public sealed class OwnershipLedger(IDbContextFactory<DashboardDbContext> contexts, IDataProtectionProvider protection, TimeProvider time)
{
    private const string SecretPurpose = "Dashboard.Setup.PriorState";
    private readonly IDataProtector _protector = protection.CreateProtector(SecretPurpose);

    /// <summary>Every live entry of a target, oldest first.</summary>
    public async Task<IReadOnlyList<OwnershipRecord>> ListAsync(string targetId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Ownership.AsNoTracking().Where(o => o.TargetId == targetId && o.ReleasedAt == null).OrderBy(o => o.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The entry for an object, if any.</summary>
    public async Task<OwnershipRecord?> FindAsync(string targetId, ObjectRef target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Ownership.AsNoTracking().FirstOrDefaultAsync(
            o => o.TargetId == targetId && o.ResourceType == OwnedResourceType.KubernetesObject && o.Kind == target.Kind.Kind && o.Namespace == target.Namespace && o.Name == target.Name && o.ReleasedAt == null,
            cancellationToken);
    }

    /// <summary>
    /// Records an object before it is written: created by us when <paramref name="live"/> is null or ours, otherwise
    /// pre-existing with its state. An existing entry is kept (its origin never downgrades from pre-existing).
    /// </summary>
    public async Task RecordObjectAsync(string targetId, string setupId, string stepId, ObjectRef target, JsonObject? live, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Ownership.FirstOrDefaultAsync(
            o => o.TargetId == targetId && o.ResourceType == OwnedResourceType.KubernetesObject && o.Kind == target.Kind.Kind && o.Namespace == target.Namespace && o.Name == target.Name && o.ReleasedAt == null,
            cancellationToken);
        var ours = live is null || OwnershipLabels.IsManaged(live);
        if (existing is not null)
        {
            if (existing.Origin == OwnershipOrigin.Intended && live is not null && !ours)
            {
                existing.Origin = OwnershipOrigin.PreExisting;
                existing.PriorState = Protect(target, PriorState(live));
                await db.SaveChangesAsync(cancellationToken);
            }

            return;
        }

        db.Ownership.Add(new OwnershipRecord
        {
            TargetId = targetId,
            SetupId = setupId,
            StepId = stepId,
            ResourceType = OwnedResourceType.KubernetesObject,
            ApiVersion = target.Kind.ApiVersion,
            Kind = target.Kind.Kind,
            Namespace = target.Namespace,
            Name = target.Name,
            Origin = ours ? OwnershipOrigin.Created : OwnershipOrigin.PreExisting,
            PriorState = ours ? null : Protect(target, PriorState(live!)),
            RecordedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records the intent to register <paramref name="address"/> with IKS, before the (non-idempotent) call.</summary>
    public Task RecordRegistrationIntentAsync(string targetId, string setupId, string address, CancellationToken cancellationToken) =>
        UpsertRegistrationAsync(targetId, setupId, address, null, OwnershipOrigin.Intended, cancellationToken);

    /// <summary>Confirms a registration the setup created (after the call, or when a resumed run finds it).</summary>
    public Task ConfirmRegistrationAsync(string targetId, string setupId, string address, string host, CancellationToken cancellationToken) =>
        UpsertRegistrationAsync(targetId, setupId, address, host, OwnershipOrigin.Created, cancellationToken);

    /// <summary>The registration entry for an address (intended or created), if any.</summary>
    public async Task<OwnershipRecord?> FindRegistrationAsync(string targetId, string address, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Ownership.AsNoTracking().FirstOrDefaultAsync(
            o => o.TargetId == targetId && o.ResourceType == OwnedResourceType.IksRegistration && o.Detail == address && o.ReleasedAt == null, cancellationToken);
    }

    /// <summary>Marks an entry released (cleanup deleted or restored it).</summary>
    public async Task ReleaseAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Ownership.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.ReleasedAt, time.GetUtcNow().UtcDateTime), cancellationToken);
    }

    /// <summary>The prior state of a pre-existing object, decrypted.</summary>
    public JsonObject? PriorStateOf(OwnershipRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.PriorState is null)
        {
            return null;
        }

        var json = record.Kind == "Secret" ? _protector.Unprotect(record.PriorState) : record.PriorState;
        return JsonNode.Parse(json) as JsonObject;
    }

    private async Task UpsertRegistrationAsync(string targetId, string setupId, string address, string? host, OwnershipOrigin origin, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Ownership.FirstOrDefaultAsync(
            o => o.TargetId == targetId && o.ResourceType == OwnedResourceType.IksRegistration && o.Detail == address && o.ReleasedAt == null, cancellationToken);
        if (existing is null)
        {
            db.Ownership.Add(new OwnershipRecord
            {
                TargetId = targetId,
                SetupId = setupId,
                StepId = Steps.StepIds.NlbDns,
                ResourceType = OwnedResourceType.IksRegistration,
                ApiVersion = "iks/v1",
                Kind = "NlbDnsRegistration",
                Name = host ?? address,
                Detail = address,
                Origin = origin,
                RecordedAt = time.GetUtcNow().UtcDateTime,
            });
        }
        else
        {
            existing.Origin = origin;
            existing.Name = host ?? existing.Name;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>What cleanup needs to restore: metadata labels/annotations and the spec/data, without server-set fields.</summary>
    private static JsonObject PriorState(JsonObject live)
    {
        var state = new JsonObject();
        foreach (var key in new[] { "apiVersion", "kind", "type", "spec", "data" })
        {
            if (live[key] is { } value)
            {
                state[key] = value.DeepClone();
            }
        }

        var metadata = new JsonObject { ["name"] = live["metadata"]?["name"]?.DeepClone() };
        foreach (var key in new[] { "namespace", "labels", "annotations" })
        {
            if (live["metadata"]?[key] is { } value)
            {
                metadata[key] = value.DeepClone();
            }
        }

        state["metadata"] = metadata;
        return state;
    }

    private string Protect(ObjectRef target, JsonObject state) =>
        target.Kind.Kind == "Secret" ? _protector.Protect(state.ToJsonString()) : state.ToJsonString();
}
