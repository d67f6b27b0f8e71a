using System.Threading.RateLimiting;
using Dashboard.Core.Accounts;
using Dashboard.Web.Auth;
using Dashboard.Web.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

internal static class AuthSetup
{
    public const string LoginRateLimit = "login";

    /// <summary>Cookie sign-in for people, bearer tokens for /api, role policies, and a fallback that requires a user everywhere.</summary>
    public static WebApplicationBuilder AddDashboardAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<AccountService>();
        services.AddScoped<SignInService>();
        services.AddScoped<SessionService>();
        services.AddScoped<ApiTokenService>();
        services.AddScoped<SessionValidator>();
        services.AddSingleton<SignInFlashCookie>();
        services.AddMemoryCache();
        services.AddOptions<AccountPolicy>().Configure<IOptions<AuthOptions>>((policy, auth) =>
        {
            policy.SessionIdleLifetime = auth.Value.SessionLifetime;
            policy.SessionAbsoluteLifetime = auth.Value.SessionAbsoluteLifetime;
            policy.LockoutThreshold = auth.Value.LockoutThreshold;
            policy.LockoutDuration = auth.Value.LockoutDuration;
            policy.LockoutMaxDuration = auth.Value.LockoutMaxDuration;
        });

        services.AddAuthentication(DashboardClaims.SelectorScheme)
            .AddPolicyScheme(DashboardClaims.SelectorScheme, DashboardClaims.SelectorScheme, options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? DashboardClaims.BearerScheme
                        : DashboardClaims.CookieScheme)
            .AddCookie(DashboardClaims.CookieScheme, options =>
            {
                options.LoginPath = "/login";
                options.AccessDeniedPath = "/access-denied";
                options.Cookie.Name = "dashboard.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.SlidingExpiration = true;
                options.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = context => AnswerApiOrRedirect(context, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context => AnswerApiOrRedirect(context, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = async context =>
                    {
                        var validator = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
                        if (context.Principal is null || !await validator.IsValidAsync(context.Principal, context.HttpContext.RequestAborted))
                        {
                            context.RejectPrincipal();
                            await context.HttpContext.SignOutAsync(DashboardClaims.CookieScheme);
                        }
                    },
                };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(DashboardClaims.BearerScheme, null);
        services.AddOptions<CookieAuthenticationOptions>(DashboardClaims.CookieScheme).Configure<IOptions<AuthOptions>>((cookie, auth) =>
        {
            cookie.ExpireTimeSpan = auth.Value.SessionLifetime;
            cookie.Cookie.SecurePolicy = SecurePolicy(auth.Value);
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Viewer, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Operator, p => p.RequireRole(nameof(Core.Storage.DashboardRole.Operator)))
            .AddPolicy(Policies.Admin, p => p.RequireRole(nameof(Core.Storage.DashboardRole.Admin)));

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthStateProvider>();

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;

            // Slows password guessing per client address (behind a known proxy: the forwarded client's), beside the
            // per-account lockout; the address is the one the forwarded-headers middleware settled on.
            options.AddPolicy(LoginRateLimit, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.SignInAttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });

            // A person gets the sign-in form back saying how long to wait, not a bare 429 page.
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                http.Response.Headers.RetryAfter = AccountEndpoints.Seconds(wait)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(cancellationToken) : null;
                var returnUrl = form?["returnUrl"].ToString();
                http.RequestServices.GetRequiredService<SignInFlashCookie>().Write(http, new SignInFlash("rate", form?["userName"].ToString().Trim(), AccountEndpoints.Seconds(wait)));
                http.Response.StatusCode = StatusCodes.Status303SeeOther;
                http.Response.Headers.Location = "/login?returnUrl=" + Uri.EscapeDataString(AccountEndpoints.SafeReturnUrl(returnUrl));
            };
        });
        return builder;
    }

    private static CookieSecurePolicy SecurePolicy(AuthOptions auth) => auth.RequireSecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    internal static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi");

    private static Task AnswerApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApiRequest(context.Request))
        {
            context.Response.StatusCode = status;
            if (status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"dashboard\"";
            }

            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
