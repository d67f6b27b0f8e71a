using Dashboard.Certificates.Issuance;
using Dashboard.Core.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Setup;

/// <summary>
/// The PrivateCa profile's CA per target, kept in the store with its key encrypted by ASP.NET Data Protection, not in
/// the cluster. Why: the CA key mints client certificates the gateway accepts; in a secret in istio-system, anyone who
/// can read secrets there (gateway operators, many cluster roles, backups of etcd) could mint them. The cluster only
/// gets the CA certificate (the gateway's client CA bundle) and the ALB's issued certificate and key (which the ALB
/// needs anyway). If the store is lost, the setup creates a new CA and re-issues on the next run. The key is never
/// logged or returned.
/// </summary>
public sealed class PrivateCaStore(IDbContextFactory<DashboardDbContext> contexts, IDataProtectionProvider protection, TimeProvider time)
{
    private const string Purpose = "Dashboard.Setup.PrivateCa";
    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>The target's CA, or null when none was created yet.</summary>
    public async Task<PrivateCa?> FindAsync(string targetId, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.PrivateCas.AsNoTracking().FirstOrDefaultAsync(c => c.TargetId == targetId, cancellationToken);
        return record is null ? null : PrivateCa.Load(record.CertificatePem, _protector.Unprotect(record.ProtectedKey), clock);
    }

    /// <summary>The target's CA, created (and stored) when there is none. Concurrent callers end up with the same CA.</summary>
    public async Task<PrivateCa> GetOrCreateAsync(string targetId, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await FindAsync(targetId, clock, cancellationToken) is { } existing)
        {
            return existing;
        }

        using (var created = PrivateCa.Create(clock))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.PrivateCas.Add(new PrivateCaRecord
            {
                TargetId = targetId,
                CertificatePem = created.CaCertificatePem,
                ProtectedKey = _protector.Protect(created.ExportCaPrivateKeyPem()),
                CreatedAt = time.GetUtcNow().UtcDateTime,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another executor stored one first: use that.
            }
        }

        return await FindAsync(targetId, clock, cancellationToken) ?? throw new InvalidOperationException($"The private CA of target '{targetId}' could not be stored.");
    }
}
