using Dashboard.Core.Audit;
using Dashboard.Core.Storage;

namespace Dashboard.Web.Api;

/// <summary><c>/api/audit</c>: the audit log, newest first.</summary>
internal static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (IAuditLog audit, CancellationToken ct, int page = 0, int pageSize = 50, string? actor = null,
                string? action = null, AuditResult? result = null, DateTime? from = null, DateTime? to = null, string? text = null) =>
                await audit.QueryAsync(new AuditQuery(page, pageSize, actor, action, result, from?.ToUniversalTime(), to?.ToUniversalTime(), text), ct))
            .WithTags("Audit")
            .WithSummary("Audit log entries matching the filters, newest first; page is zero-based, pageSize at most 500.");
        return api;
    }
}
