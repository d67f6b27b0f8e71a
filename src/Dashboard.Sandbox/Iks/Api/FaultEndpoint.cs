using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Sandbox.Iks.Api;

/// <summary>
/// <c>/sandbox/faults</c>: GET shows the faults in force, POST merges the fields it is given
/// (<c>rate429</c>, <c>rate500</c>, <c>rate503</c>, <c>retryAfterSeconds</c>, <c>extraLatencyMs</c>, <c>iamOutage</c>,
/// <c>stuckCreating</c>, <c>regenerateDailyLimit</c>, <c>seed</c>, and <c>failNext: {status, count, endpoint}</c>),
/// DELETE restores the configured faults. A bad value answers 400 and changes nothing.
/// </summary>
internal sealed class FaultEndpoint(IksApiContext context)
{
    public Task GetAsync(HttpContext http)
    {
        context.Counters.Count("sandbox.faults");
        return IksHttp.WriteJsonAsync(http, 200, Describe());
    }

    public Task DeleteAsync(HttpContext http)
    {
        context.Counters.Count("sandbox.faults");
        context.Faults.Reset();
        return IksHttp.WriteJsonAsync(http, 200, Describe());
    }

    public async Task PostAsync(HttpContext http)
    {
        context.Counters.Count("sandbox.faults");
        var (body, _) = await IksHttp.ReadObjectAsync(http);
        if (body is null)
        {
            await Problem(http, "The body must be a JSON object such as {\"rate503\":0.2,\"retryAfterSeconds\":1}.");
            return;
        }

        var faults = context.Faults.Current;
        try
        {
            foreach (var (name, value) in body)
            {
                switch (name)
                {
                    case "rate429": faults.Rate429 = Get<double>(value, name); break;
                    case "rate500": faults.Rate500 = Get<double>(value, name); break;
                    case "rate503": faults.Rate503 = Get<double>(value, name); break;
                    case "retryAfterSeconds": faults.RetryAfterSeconds = Get<int>(value, name); break;
                    case "extraLatencyMs": faults.ExtraLatency = TimeSpan.FromMilliseconds(Get<int>(value, name)); break;
                    case "iamOutage": faults.IamOutage = Get<bool>(value, name); break;
                    case "stuckCreating": faults.StuckCreating = Get<bool>(value, name); break;
                    case "regenerateDailyLimit": faults.RegenerateDailyLimit = Get<int>(value, name); break;
                    case "seed": faults.Seed = value is null ? null : Get<int>(value, name); break;
                    case "failNext": break;
                    default: throw new ArgumentException($"Unknown field '{name}'.");
                }
            }

            // Everything is read and validated before anything is applied, so a 400 leaves the faults as they were.
            SandboxIksFaultInjector.Validate(faults);
            var failNext = ReadFailNext(body);
            context.Faults.Set(faults);
            if (failNext is { } script)
            {
                context.Faults.FailNext(script.Status, script.Count, script.Endpoint);
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            await Problem(http, e.Message);
            return;
        }

        await IksHttp.WriteJsonAsync(http, 200, Describe());
    }

    private static readonly string[] s_fields = ["rate429", "rate500", "rate503", "retryAfterSeconds", "extraLatencyMs", "iamOutage", "stuckCreating", "regenerateDailyLimit", "seed", "failNext"];

    /// <summary>The scripted failure the body asks for, validated; null when it asks for none.</summary>
    private static (int Status, int Count, string? Endpoint)? ReadFailNext(JsonObject body)
    {
        if (!body.TryGetPropertyValue("failNext", out var node))
        {
            return null;
        }

        if (node is not JsonObject failNext || failNext["status"] is null)
        {
            throw new ArgumentException("failNext needs a status, e.g. {\"status\":503,\"count\":2}.");
        }

        if (failNext.Select(p => p.Key).FirstOrDefault(k => k is not ("status" or "count" or "endpoint")) is { } unknown)
        {
            throw new ArgumentException($"Unknown field 'failNext.{unknown}'; failNext takes status, count and endpoint.");
        }

        var status = Get<int>(failNext["status"], "failNext.status");
        var count = failNext["count"] is { } c ? Get<int>(c, "failNext.count") : 1;
        var endpoint = failNext["endpoint"] is { } e ? Get<string>(e, "failNext.endpoint") : null;
        SandboxIksFaultInjector.ValidateScripted(status, count);
        return (status, count, endpoint);
    }

    private static T Get<T>(JsonNode? value, string name) =>
        value is JsonValue json && json.TryGetValue<T>(out var result) ? result : throw new ArgumentException($"'{name}' must be a JSON {typeof(T).Name.ToLowerInvariant()}.");

    private JsonObject Describe()
    {
        var f = context.Faults.Current;
        return new JsonObject
        {
            ["rate429"] = f.Rate429,
            ["rate500"] = f.Rate500,
            ["rate503"] = f.Rate503,
            ["retryAfterSeconds"] = f.RetryAfterSeconds,
            ["extraLatencyMs"] = (long)f.ExtraLatency.TotalMilliseconds,
            ["iamOutage"] = f.IamOutage,
            ["stuckCreating"] = f.StuckCreating,
            ["regenerateDailyLimit"] = f.RegenerateDailyLimit,
            ["seed"] = f.Seed,
            ["pendingScriptedFailures"] = context.Faults.PendingScripted,
        };
    }

    private static Task Problem(HttpContext http, string message) =>
        IksHttp.WriteJsonAsync(http, 400, new JsonObject { ["error"] = message, ["fields"] = JsonSerializer.SerializeToNode(s_fields) });
}
