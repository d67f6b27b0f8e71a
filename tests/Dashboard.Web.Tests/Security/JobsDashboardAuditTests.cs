using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Web.Tests.Store;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>Issue 12 item 7: commands given through Hangfire's /jobs are audited (accepted and refused), and /jobs cannot be framed.</summary>
public sealed partial class JobsDashboardAuditTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task JobsCommands_OperatorAndRefusedViewer_AreBothAudited_StatsPollsAreNot()
    {
        var jobId = fixture.Host.Services.GetRequiredService<IBackgroundJobClient>()
            .Schedule(() => RecordingJob.Record("jobs-audit-" + Guid.NewGuid().ToString("N")), TimeSpan.FromDays(1));
        var details = $"/jobs/jobs/details/{jobId}";
        var delete = $"/jobs/jobs/actions/delete/{jobId}";
        using var viewer = await SecurityClients.SignedInAsync(fixture.Host, "Viewer");
        using var op = await SecurityClients.SignedInAsync(fixture.Host, "Operator");
        var viewerPage = await viewer.GetStringAsync(details);
        var operatorPage = await op.GetStringAsync(details);

        using var refused = await PostCommandAsync(viewer, viewerPage, delete);
        using var accepted = await PostCommandAsync(op, operatorPage, delete);
        using var stats = await PostCommandAsync(op, operatorPage, "/jobs/stats");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);

        using var admin = SecurityClients.Bearer(fixture.Host, AppFixture.BootstrapToken);
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?action=jobs.&text={jobId}");
        var entries = audit.GetProperty("items").EnumerateArray()
            .Select(e => (Action: e.GetProperty("action").GetString(), Subject: e.GetProperty("subject").GetString(), Result: e.GetProperty("result").GetString(), Actor: e.GetProperty("actor").GetString()))
            .ToList();
        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e is { Action: "jobs.delete", Result: "Succeeded" } && e.Subject == $"job {jobId}" && e.Actor!.StartsWith("operator-", StringComparison.Ordinal));
        Assert.Contains(entries, e => e is { Action: "jobs.delete", Result: "Denied" } && e.Actor!.StartsWith("viewer-", StringComparison.Ordinal));
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/audit?action=jobs.stats")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task JobsPages_CannotBeFramed()
    {
        using var op = await SecurityClients.SignedInAsync(fixture.Host, "Operator");
        foreach (var page in new[] { "/jobs", "/jobs/jobs/scheduled", "/jobs/recurring" })
        {
            using var response = await op.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("frame-ancestors 'none'", string.Join(",", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        }
    }

    private static async Task<HttpResponseMessage> PostCommandAsync(HttpClient client, string page, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add(WebUtility.HtmlDecode(Meta("csrf-header", page)), WebUtility.HtmlDecode(Meta("csrf-token", page)));
        return await client.SendAsync(request);
    }

    private static string Meta(string name, string page)
    {
        var match = Regex.Match(page, $"<meta name=\"{name}\" content=\"([^\"]+)\"");
        Assert.True(match.Success, $"no {name} meta tag");
        return match.Groups[1].Value;
    }
}
