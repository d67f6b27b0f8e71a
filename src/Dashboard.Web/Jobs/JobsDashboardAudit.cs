using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.Web.Auth;

namespace Dashboard.Web.Jobs;

/// <summary>
/// Audits the commands given through Hangfire's dashboard at <c>/jobs</c> (trigger, delete, requeue, enqueue,
/// remove…; all POSTs but its statistics poll): who, which jobs, and whether Hangfire accepted it (Viewers are
/// refused and that is recorded too). Hangfire's own storage is not the store, so the entry follows the command.
/// </summary>
internal static class JobsDashboardAudit
{
    private static readonly string[] s_commands = ["trigger", "delete", "requeue", "enqueue", "remove", "retry", "disable", "enable"];

    public static IApplicationBuilder UseJobsDashboardAudit(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/jobs", out var rest) && HttpMethods.IsPost(http.Request.Method) && Command(rest) is not null, audited =>
            audited.Use(async (http, next) =>
            {
                http.Request.Path.StartsWithSegments("/jobs", out var rest);
                var command = Command(rest)!;
                var threw = true;
                try
                {
                    await next(http);
                    threw = false;
                }
                finally
                {
                    // In a finally: a command that throws is audited too (as failed), then the exception goes on to the handler.
                    var result = threw ? AuditResult.Failed : http.Response.StatusCode switch
                    {
                        < 300 => AuditResult.Succeeded,
                        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => AuditResult.Denied,
                        _ => AuditResult.Failed,
                    };
                    var answer = threw ? "failed with an error" : $"answered {http.Response.StatusCode}";
                    var audit = http.RequestServices.GetRequiredService<IAuditLog>();
                    await audit.RecordAsync(
                        new AuditRecord(DashboardClaims.ActorOf(http.User, http), "jobs." + command, await SubjectAsync(http, rest), result, $"{rest} {answer}"),
                        CancellationToken.None);
                }
            }));

    // "/jobs/actions/delete/<id>", "/recurring/trigger", "/jobs/scheduled/enqueue": the command is the verb segment.
    internal static string? Command(PathString rest) =>
        rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(s => s_commands.Contains(s, StringComparer.OrdinalIgnoreCase))?.ToLowerInvariant();

    private static async Task<string> SubjectAsync(HttpContext http, PathString rest)
    {
        var segments = rest.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 2 && segments[^2].Equals(Command(rest), StringComparison.OrdinalIgnoreCase) && segments[0] == "jobs" && segments[1] == "actions")
        {
            return "job " + segments[^1];
        }

        // Batch commands post the ids as jobs[] (the form is cached once Hangfire has read it). A body that is no
        // readable form leaves the path as the subject: the entry is written whatever was sent.
        string ids;
        try
        {
            ids = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(CancellationToken.None))["jobs[]"].ToString() : string.Empty;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            ids = string.Empty;
        }

        return ids.Length > 0 ? "jobs " + ids : rest.Value!;
    }
}
