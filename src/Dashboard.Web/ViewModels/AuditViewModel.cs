using Dashboard.Core.Audit;
using Dashboard.Core.Storage;

namespace Dashboard.Web.ViewModels;

/// <summary>Filters and paging for the Audit page; turns the grid's state into an audit query.</summary>
public sealed class AuditViewModel(IAuditLog audit)
{
    public string? Actor { get; set; }

    public string? Action { get; set; }

    public AuditResult? Result { get; set; }

    public DateTime? From { get; set; }

    public DateTime? To { get; set; }

    public string? Text { get; set; }

    /// <summary>Loads one page, newest first. Dates are whole days in UTC; "to" includes its day.</summary>
    public Task<AuditPage> LoadAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        audit.QueryAsync(BuildQuery(page, pageSize), cancellationToken);

    internal AuditQuery BuildQuery(int page, int pageSize) => new(
        page,
        pageSize,
        Blank(Actor),
        Blank(Action),
        Result,
        From is { } from ? DateTime.SpecifyKind(from.Date, DateTimeKind.Utc) : null,
        To is { } to ? DateTime.SpecifyKind(to.Date.AddDays(1), DateTimeKind.Utc) : null,
        Blank(Text));

    public void Clear() => (Actor, Action, Result, From, To, Text) = (null, null, null, null, null, null);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
