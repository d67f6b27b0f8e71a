using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Sandbox.Iks.Api;

/// <summary>
/// IAM's <c>POST /identity/token</c>: form <c>grant_type=urn:ibm:params:oauth:grant-type:apikey&amp;apikey=...</c> →
/// <c>{access_token, refresh_token, token_type, expires_in, expiration, scope}</c>. Errors use IAM's body
/// (<c>errorCode</c>, <c>errorMessage</c>, <c>errorDetails</c>, <c>context</c>): an unknown key is 400 <c>BXNIM0415E</c>,
/// a missing property 400 <c>BXNIM0109E</c> (both seen in real responses); the grant-type and outage codes and the
/// <c>refresh_token</c> value are UNCONFIRMED (listed in <see cref="IksUnconfirmed"/>).
/// </summary>
internal sealed class IamEndpoint(IksApiContext context, IksHttp pipeline)
{
    private const string ApiKeyGrant = "urn:ibm:params:oauth:grant-type:apikey";

    public async Task HandleAsync(HttpContext http)
    {
        if (await pipeline.BeforeAsync(http, SandboxIksFaultInjector.IamEndpoint))
        {
            return;
        }

        var started = context.Time.GetUtcNow();
        if (context.Faults.Current.IamOutage)
        {
            await ErrorAsync(http, 503, "BXNIM0503E", "The service is temporarily unavailable. Try again later.", null, started);
            return;
        }

        if (!http.Request.HasFormContentType)
        {
            await ErrorAsync(http, 400, "BXNIM0109E", "Property missing or empty.", "Property 'grant_type' either missing or empty.", started);
            return;
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (InvalidDataException)
        {
            await ErrorAsync(http, 400, "BXNIM0109E", "Property missing or empty.", "The form body could not be read.", started);
            return;
        }

        var grant = form["grant_type"].ToString();
        var apiKey = form["apikey"].ToString();
        if (string.IsNullOrWhiteSpace(grant) || (grant == ApiKeyGrant && string.IsNullOrWhiteSpace(apiKey)))
        {
            var property = string.IsNullOrWhiteSpace(grant) ? "grant_type" : "apikey";
            await ErrorAsync(http, 400, "BXNIM0109E", "Property missing or empty.", $"Property '{property}' either missing or empty.", started);
            return;
        }

        if (grant != ApiKeyGrant)
        {
            await ErrorAsync(http, 400, "BXNIM0104E", "Unsupported grant type.", $"The grant type '{grant}' is not supported; use '{ApiKeyGrant}'.", started);
            return;
        }

        if (context.Catalog.FindIdentity(apiKey.Trim()) is not { } identity)
        {
            await ErrorAsync(http, 400, "BXNIM0415E", "Provided API key could not be found.", null, started);
            return;
        }

        var (token, _, expires) = context.Tokens.Issue(identity);
        await IksHttp.WriteJsonAsync(http, 200, new JsonObject
        {
            ["access_token"] = token,
            ["refresh_token"] = "not_supported",
            ["ims_user_id"] = 7176943,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)context.Tokens.Lifetime.TotalSeconds,
            ["expiration"] = expires.ToUnixTimeSeconds(),
            ["scope"] = "ibm openid",
        });
    }

    private Task ErrorAsync(HttpContext http, int status, string code, string message, string? details, DateTimeOffset started)
    {
        var ended = context.Time.GetUtcNow();
        var body = new JsonObject { ["errorCode"] = code, ["errorMessage"] = message };
        if (details is not null)
        {
            body["errorDetails"] = details;
        }

        body["context"] = new JsonObject
        {
            ["requestId"] = Guid.NewGuid().ToString("N"),
            ["requestType"] = "incoming.Identity_Token",
            ["userAgent"] = http.Request.Headers.UserAgent.ToString(),
            ["url"] = $"{http.Request.Scheme}://{http.Request.Host}",
            ["startTime"] = Stamp(started),
            ["endTime"] = Stamp(ended),
            ["elapsedTime"] = ((long)(ended - started).TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            ["locale"] = "en_US",
            ["clusterName"] = "iam-id-sandbox",
        };
        return IksHttp.WriteJsonAsync(http, status, body);
    }

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("dd.MM.yyyy HH:mm:ss:fff 'UTC'", CultureInfo.InvariantCulture);
}
