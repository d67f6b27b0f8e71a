using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.Web.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>Review of issue 12: a /jobs command that throws is audited too, and the exception still reaches the error handler.</summary>
public sealed class JobsDashboardAuditFailureTests
{
    [Fact]
    public async Task CommandThatThrows_IsAuditedAsFailed_AndTheExceptionGoesOn()
    {
        var audit = new RecordingAuditLog();
        await using var services = new ServiceCollection().AddSingleton<IAuditLog>(audit).BuildServiceProvider();
        var app = new ApplicationBuilder(services);
        app.UseJobsDashboardAudit();
        app.Run(_ => throw new InvalidOperationException("job storage went away"));
        var pipeline = app.Build();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Method = HttpMethods.Post;
        http.Request.Path = "/jobs/jobs/actions/requeue/42";
        http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("192.0.2.5");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline(http));

        // Before the fix the entry was written after the command only when it returned: a throwing command left none.
        Assert.Equal("job storage went away", thrown.Message);
        var entry = Assert.Single(audit.Records);
        Assert.Equal(("jobs.requeue", "job 42", AuditResult.Failed, "192.0.2.5"), (entry.Action, entry.Subject, entry.Result, entry.Actor.RemoteAddress));
        Assert.Contains("failed with an error", entry.Details, StringComparison.Ordinal);
    }

    private sealed class RecordingAuditLog : IAuditLog
    {
        public List<AuditRecord> Records { get; } = [];

        public Task RecordAsync(AuditRecord record, CancellationToken cancellationToken)
        {
            Records.Add(record);
            return Task.CompletedTask;
        }

        public void Append(DashboardDbContext db, AuditRecord record) => throw new NotSupportedException();

        public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
