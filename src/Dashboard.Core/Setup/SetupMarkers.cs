using System.Text.Json;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Setup;

/// <summary>Small facts a step remembers between runs (e.g. which secret versions the gateway pods loaded), per target.</summary>
public sealed class SetupMarkers(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    /// <summary>The marker's value, or null.</summary>
    public async Task<string?> GetAsync(string targetId, string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.Setups.Where(s => s.TargetId == targetId).Select(s => s.MarkersJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json)?.GetValueOrDefault(key);
    }

    /// <summary>Sets a marker.</summary>
    public async Task SetAsync(string targetId, string key, string value, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var setup = await db.Setups.FirstOrDefaultAsync(s => s.TargetId == targetId, cancellationToken);
        if (setup is null)
        {
            return;
        }

        var markers = setup.MarkersJson is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(setup.MarkersJson) ?? [];
        markers[key] = value;
        setup.MarkersJson = JsonSerializer.Serialize(markers);
        setup.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }
}
