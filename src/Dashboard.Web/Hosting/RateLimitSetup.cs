using System.Threading.RateLimiting;
using Dashboard.Web.Auth;
using Dashboard.Web.Options;
using Dashboard.Web.Security;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>Rate limits on password guessing: the sign-in form per client, the change of one's password per user.</summary>
internal static class RateLimitSetup
{
    public const string LoginRateLimit = "login";
    public const string PasswordChangeRateLimit = "password-change";

    public static IServiceCollection AddDashboardRateLimits(this IServiceCollection services) => services.AddRateLimiter(options =>
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;

        // Slows password guessing per client (behind a known proxy: the forwarded client's), beside the per-account
        // lockout; the address is the one the forwarded-headers middleware settled on, an IPv6 client's /64.
        options.AddPolicy(LoginRateLimit, context => PerMinute(context, ClientPartition.Of(context.Connection.RemoteIpAddress)));

        // A stolen session must not try current passwords at the request rate; the lockout counts them too.
        options.AddPolicy(PasswordChangeRateLimit, context => PerMinute(context,
            DashboardClaims.UserIdOf(context.User) is { } userId ? $"user:{userId}" : ClientPartition.Of(context.Connection.RemoteIpAddress)));

        options.OnRejected = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
            var seconds = AccountEndpoints.Seconds(wait)!.Value;
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (AuthSetup.IsApiRequest(http.Request))
            {
                await Results.Problem($"Too many attempts from this user: try again in {seconds} s.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(http);
                return;
            }

            // A person gets the sign-in form back saying how long to wait, not a bare 429 page.
            var form = await ReadFormOrNullAsync(http.Request, cancellationToken);
            var returnUrl = form?["returnUrl"].ToString();
            http.RequestServices.GetRequiredService<SignInFlashCookie>().Write(http, new SignInFlash("rate", form?["userName"].ToString().Trim(), seconds));
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = "/login?returnUrl=" + Uri.EscapeDataString(AccountEndpoints.SafeReturnUrl(returnUrl));
        };
    });

    private static RateLimitPartition<string> PerMinute(HttpContext context, string partition)
    {
        var perMinute = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.SignInAttemptsPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter(partition,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }

    // The rejected request's form only gives the sign-in page back its fields: a body that is no readable form (a
    // multipart body without its boundary, a cut-off upload) gets the page without them, never a 500.
    private static async Task<IFormCollection?> ReadFormOrNullAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return null;
        }

        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }
    }
}
