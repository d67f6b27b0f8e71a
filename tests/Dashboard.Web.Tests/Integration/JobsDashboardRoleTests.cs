using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dashboard.Web.Testing;
using Dashboard.Web.Tests.Store;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Integration;

/// <summary>The Hangfire dashboard at /jobs is read-only for Viewers: no job actions shown, none accepted.</summary>
public sealed class JobsDashboardRoleTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task HangfireDashboard_Viewer_NoActionsShownAndRefused_OperatorMayAct()
    {
        // A job that waits a day, so it has a Requeue and a Delete action and stays put unless someone acts.
        var jobId = fixture.Host.Services.GetRequiredService<IBackgroundJobClient>()
            .Schedule(() => RecordingJob.Record("jobs-dashboard-" + Guid.NewGuid().ToString("N")), TimeSpan.FromDays(1));
        var details = $"/jobs/jobs/details/{jobId}";
        var delete = $"/jobs/jobs/actions/delete/{jobId}";
        using var viewer = await SignedInAsync("Viewer");
        using var op = await SignedInAsync("Operator");

        var viewerPage = await viewer.GetStringAsync(details);
        var operatorPage = await op.GetStringAsync(details);
        Assert.Contains(jobId, viewerPage, StringComparison.Ordinal);
        Assert.DoesNotContain(delete, viewerPage, StringComparison.Ordinal);
        Assert.DoesNotContain($"/jobs/jobs/actions/requeue/{jobId}", viewerPage, StringComparison.Ordinal);
        Assert.Contains(delete, operatorPage, StringComparison.Ordinal);
        Assert.Contains($"/jobs/jobs/actions/requeue/{jobId}", operatorPage, StringComparison.Ordinal);

        // The lists' batch commands are hidden too.
        Assert.DoesNotContain("/jobs/jobs/scheduled/delete", await viewer.GetStringAsync("/jobs/jobs/scheduled"), StringComparison.Ordinal);
        Assert.Contains("/jobs/jobs/scheduled/delete", await op.GetStringAsync("/jobs/jobs/scheduled"), StringComparison.Ordinal);

        // Posting the command anyway, with a valid antiforgery token, is refused and changes nothing.
        using var refused = await PostCommandAsync(viewer, viewerPage, delete);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Scheduled", StateOf(jobId));
        using var accepted = await PostCommandAsync(op, operatorPage, delete);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        Assert.Equal("Deleted", StateOf(jobId));
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        using var admin = fixture.Host.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", AppFixture.BootstrapToken);
        var name = role.ToLowerInvariant() + Guid.NewGuid().ToString("N")[..6];
        const string password = "jobs-dashboard-password";
        using var created = await admin.PostAsJsonAsync("/api/users", new { userName = name, password, role });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var client = fixture.Host.CreateClient();
        (await DashboardHost.LoginAsync(client, name, password)).Dispose();
        return client;
    }

    // What the dashboard's script does: POST with the antiforgery header and token from the page's meta tags.
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

    private string? StateOf(string jobId)
    {
        using var connection = fixture.Host.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }
}
