using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Targets;

/// <summary>The outcome of a change to a target: the target, or a sentence naming the problem and the fix.</summary>
/// <param name="Target">The target after the change.</param>
/// <param name="Errors">What is wrong; empty on success.</param>
/// <param name="NotFound">True when the target does not exist.</param>
public sealed record TargetChangeResult(TargetDefinition? Target, IReadOnlyList<string> Errors, bool NotFound = false)
{
    /// <summary>True when the change was made.</summary>
    public bool Succeeded => Errors.Count == 0 && Target is not null;
}

/// <summary>
/// Every target: the store's (created through the UI or /api), configuration's (<c>Targets:n</c>) and the sandbox's.
/// Names are unique across sources. API keys of store targets are encrypted with ASP.NET Data Protection (purpose
/// <see cref="ApiKeyPurpose"/>) and never returned.
/// </summary>
public sealed class TargetService(
    IDbContextFactory<DashboardDbContext> contexts,
    IEnumerable<ITargetSource> sources,
    IDataProtectionProvider protection,
    IAuditLog audit,
    TargetChangeSignal changes,
    TimeProvider time)
{
    /// <summary>The Data Protection purpose of stored API keys.</summary>
    public const string ApiKeyPurpose = "Dashboard.Targets.ApiKey";

    private readonly IDataProtector _protector = protection.CreateProtector(ApiKeyPurpose);

    /// <summary>Every target, sandbox first, then configuration, then the store; by name within a source.</summary>
    public async Task<IReadOnlyList<TargetDefinition>> ListAsync(CancellationToken cancellationToken)
    {
        var external = External().Select(t => t.Definition);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = (await db.Targets.AsNoTracking().ToListAsync(cancellationToken)).Select(ToDefinition);
        return [.. external.Concat(stored.OrderBy(t => t.Name, StringComparer.Ordinal))];
    }

    /// <summary>A target with its connection settings (API key decrypted), or null.</summary>
    public async Task<ResolvedTarget?> ResolveAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (External().FirstOrDefault(t => t.Definition.Id == id) is { } external)
        {
            return external;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.Targets.AsNoTracking().FirstOrDefaultAsync(t => t.Name == id, cancellationToken);
        return entity is null ? null : new ResolvedTarget(ToDefinition(entity), new TargetConnectionSettings { ApiKey = entity.ProtectedApiKey is { } p ? _protector.Unprotect(p) : null });
    }

    /// <summary>Creates a store target. Bad input changes nothing and is answered with every problem at once.</summary>
    public async Task<TargetChangeResult> CreateAsync(TargetRequest request, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = TargetValidation.Problems(request, requireApiKeyShape: true).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (External().Any(t => t.Definition.Id == request.Name) || await db.Targets.AnyAsync(t => t.Name == request.Name, cancellationToken))
        {
            errors.Add($"A target named '{request.Name}' exists already: choose another name, or change that target instead.");
        }

        if (errors.Count > 0)
        {
            audit.Append(db, new AuditRecord(actor, "target.create", request.Name, AuditResult.Failed, string.Join(" ", errors)));
            await db.SaveChangesAsync(cancellationToken);
            return new TargetChangeResult(null, errors);
        }

        var entity = new TargetEntity
        {
            Name = request.Name,
            KubeconfigPath = Blank(request.KubeconfigPath),
            KubeContext = Blank(request.KubeContext),
            InCluster = request.InCluster,
            IksClusterName = Blank(request.IksClusterName),
            ProtectedApiKey = Blank(request.ApiKey) is { } key ? _protector.Protect(key.Trim()) : null,
            Source = TargetSource.Store,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Targets.Add(entity);
        audit.Append(db, new AuditRecord(actor, "target.create", entity.Name, AuditResult.Succeeded, Describe(entity)));
        await db.SaveChangesAsync(cancellationToken);
        return new TargetChangeResult(ToDefinition(entity), []);
    }

    /// <summary>Changes a store target; a null API key keeps the stored one, an empty one removes it.</summary>
    public async Task<TargetChangeResult> UpdateAsync(string id, TargetRequest request, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.Targets.FirstOrDefaultAsync(t => t.Name == id, cancellationToken);
        if (entity is null)
        {
            var external = External().Any(t => t.Definition.Id == id);
            return new TargetChangeResult(null, [external
                ? $"The target '{id}' is defined by configuration or the sandbox; change it there."
                : $"No target '{id}' exists."], NotFound: !external);
        }

        var errors = TargetValidation.Problems(request with { Name = id }, requireApiKeyShape: !string.IsNullOrEmpty(request.ApiKey)).ToList();
        if (request.Name != id)
        {
            errors.Add("A target cannot be renamed (its name is its id): create a new target instead.");
        }

        if (errors.Count > 0)
        {
            return new TargetChangeResult(null, errors);
        }

        entity.KubeconfigPath = Blank(request.KubeconfigPath);
        entity.KubeContext = Blank(request.KubeContext);
        entity.InCluster = request.InCluster;
        entity.IksClusterName = Blank(request.IksClusterName);
        if (request.ApiKey is not null)
        {
            entity.ProtectedApiKey = Blank(request.ApiKey) is { } key ? _protector.Protect(key.Trim()) : null;
        }

        audit.Append(db, new AuditRecord(actor, "target.update", id, AuditResult.Succeeded, Describe(entity)));
        await db.SaveChangesAsync(cancellationToken);
        changes.Raise(id);
        return new TargetChangeResult(ToDefinition(entity), []);
    }

    /// <summary>Deletes a store target (not what the setup created in its cluster: run cleanup first).</summary>
    public async Task<bool> DeleteAsync(string id, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Targets.FirstOrDefaultAsync(t => t.Name == id, cancellationToken) is not { } entity)
        {
            return false;
        }

        db.Targets.Remove(entity);
        audit.Append(db, new AuditRecord(actor, "target.delete", id, AuditResult.Succeeded));
        await db.SaveChangesAsync(cancellationToken);
        changes.Raise(id);
        return true;
    }

    private IEnumerable<ResolvedTarget> External() => sources.SelectMany(s => s.Targets);

    private static TargetDefinition ToDefinition(TargetEntity e) =>
        new(e.Name, e.Name, e.KubeconfigPath, e.KubeContext, e.InCluster, e.IksClusterName, e.ProtectedApiKey is not null, TargetSource.Store);

    private static string Describe(TargetEntity e) =>
        $"kubeconfig {(e.InCluster ? "in-cluster" : e.KubeconfigPath)}, context {e.KubeContext ?? "(current)"}, IKS cluster {e.IksClusterName ?? "(none)"}, API key {(e.ProtectedApiKey is null ? "not set" : "set")}";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
