using System.Text.Json;
using k8s.Autorest;

namespace Dashboard.Sandbox.Kubernetes.Tests.Infrastructure;

/// <summary>Reads the Status body of a failed KubernetesClient call.</summary>
public static class ApiErrors
{
    public static async Task<(int Code, JsonElement Status)> CaptureAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(call);
        var code = (int)error.Response.StatusCode;
        using var doc = JsonDocument.Parse(error.Response.Content);
        var status = doc.RootElement.Clone();
        Assert.Equal("Status", status.GetProperty("kind").GetString());
        Assert.Equal("Failure", status.GetProperty("status").GetString());
        Assert.Equal(code, status.GetProperty("code").GetInt32());
        return (code, status);
    }

    public static string Reason(this JsonElement status) => status.GetProperty("reason").GetString() ?? string.Empty;

    public static IEnumerable<string> CauseFields(this JsonElement status) =>
        status.TryGetProperty("details", out var details) && details.TryGetProperty("causes", out var causes)
            ? causes.EnumerateArray().Select(c => c.TryGetProperty("field", out var f) ? f.GetString() ?? string.Empty : string.Empty)
            : [];
}
