using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Audit;

/// <summary>Who is making a change, as far as the audit log is concerned.</summary>
/// <param name="Name">User name, or <c>system</c> for background work.</param>
/// <param name="RemoteAddress">Client IP address when the change came over HTTP.</param>
public sealed record Actor(string Name, string? RemoteAddress = null)
{
    /// <summary>Background jobs and start-up tasks.</summary>
    public static Actor System { get; } = new("system");
}

/// <summary>An entry to write to the audit log.</summary>
public sealed record AuditRecord(Actor Actor, string Action, string? Subject, AuditResult Result, string? Details = null);

/// <summary>A filter and page over the audit log; newest first.</summary>
public sealed record AuditQuery(
    int Page = 0,
    int PageSize = 50,
    string? Actor = null,
    string? Action = null,
    AuditResult? Result = null,
    DateTime? From = null,
    DateTime? To = null,
    string? Text = null);

/// <summary>One page of audit entries and the total matching the filter.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Total);

/// <summary>Writes and reads the audit log.</summary>
public interface IAuditLog
{
    /// <summary>Appends an entry on its own (for changes outside the store, e.g. a sandbox reset).</summary>
    Task RecordAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Adds an entry to the caller's unit of work: the caller's <c>SaveChanges</c> writes it in the same transaction as
    /// the change it records, so there is never a change without its entry, nor an entry for a change that failed.
    /// </summary>
    void Append(DashboardDbContext db, AuditRecord record);

    /// <summary>Reads a page of entries matching the query, newest first.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}

/// <summary>The audit log in the store.</summary>
public sealed class AuditLog(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time, ILogger<AuditLog> logger) : IAuditLog
{
    /// <summary>Largest page a caller may ask for.</summary>
    public const int MaxPageSize = 500;

    /// <inheritdoc />
    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(ToEntry(record));
        await db.SaveChangesAsync(cancellationToken);
        Log(record);
    }

    /// <inheritdoc />
    public void Append(DashboardDbContext db, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(record);
        db.AuditEntries.Add(ToEntry(record));

        // The log line says the entry is stored: only once the caller's save has stored it.
        EventHandler<SavedChangesEventArgs>? saved = null;
        saved = (_, _) =>
        {
            db.SavedChanges -= saved;
            Log(record);
        };
        db.SavedChanges += saved;
    }

    /// <inheritdoc />
    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(query.Page, 0);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            entries = entries.Where(e => e.Actor == query.Actor);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            entries = entries.Where(e => e.Action.StartsWith(query.Action));
        }

        if (query.Result is { } result)
        {
            entries = entries.Where(e => e.Result == result);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(e => e.Timestamp >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.Timestamp < to);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            entries = entries.Where(e => (e.Subject != null && e.Subject.Contains(query.Text)) || (e.Details != null && e.Details.Contains(query.Text)));
        }

        var total = await entries.CountAsync(cancellationToken);
        var items = await entries.OrderByDescending(e => e.Id).Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new AuditPage(items, total);
    }

    private AuditEntry ToEntry(AuditRecord record) => new()
    {
        Timestamp = time.GetUtcNow().UtcDateTime,
        Actor = Truncate(record.Actor.Name, 64)!,
        Action = record.Action,
        Subject = Truncate(record.Subject, 256),
        Result = record.Result,
        Details = Truncate(record.Details, 4000),
        RemoteAddress = Truncate(record.Actor.RemoteAddress, 64),
    };

    private void Log(AuditRecord record) => AuditLogEvents.Recorded(logger, record.Action, record.Subject, record.Actor.Name, record.Result);

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
