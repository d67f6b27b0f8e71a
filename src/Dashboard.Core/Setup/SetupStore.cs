using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Setup;

/// <summary>A target's setup settings: its id, parameters and profile overrides.</summary>
/// <param name="SetupId">The setup id (labels every created object).</param>
/// <param name="Parameters">The parameters.</param>
/// <param name="Overrides">The profile overrides.</param>
public sealed record SetupSettings(string SetupId, SetupParameters Parameters, ProfileOverrides Overrides);

/// <summary>Keeps each target's setup record (created on first use).</summary>
public sealed class SetupStore(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The settings of a target's setup, creating the record (and its id) on first use.</summary>
    public async Task<SetupSettings> GetAsync(string targetId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Setups.AsNoTracking().FirstOrDefaultAsync(s => s.TargetId == targetId, cancellationToken);
        if (record is null)
        {
            var now = time.GetUtcNow().UtcDateTime;
            record = new SetupRecord { TargetId = targetId, SetupId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), CreatedAt = now, UpdatedAt = now };
            db.Setups.Add(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Created concurrently: read the winner.
                db.ChangeTracker.Clear();
                record = await db.Setups.AsNoTracking().FirstAsync(s => s.TargetId == targetId, cancellationToken);
            }
        }

        return new SetupSettings(
            record.SetupId,
            record.ParametersJson is null ? SetupParameters.Default : JsonSerializer.Deserialize<SetupParameters>(record.ParametersJson, Json) ?? SetupParameters.Default,
            record.OverridesJson is null ? ProfileOverrides.None : JsonSerializer.Deserialize<ProfileOverrides>(record.OverridesJson, Json) ?? ProfileOverrides.None);
    }

    /// <summary>Stores new parameters and overrides (validated by the caller), with <paramref name="audit"/>'s entry in the same transaction.</summary>
    public async Task SaveAsync(string targetId, SetupParameters parameters, ProfileOverrides overrides, Action<DashboardDbContext>? audit, CancellationToken cancellationToken)
    {
        await GetAsync(targetId, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Setups.FirstAsync(s => s.TargetId == targetId, cancellationToken);
        record.ParametersJson = JsonSerializer.Serialize(parameters, Json);
        record.OverridesJson = JsonSerializer.Serialize(overrides, Json);
        record.UpdatedAt = time.GetUtcNow().UtcDateTime;
        audit?.Invoke(db);
        await db.SaveChangesAsync(cancellationToken);
    }
}
