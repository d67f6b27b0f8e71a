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
    public const string CookieName = "dashboard.auth";
    public const string SecureCookieName = "__Host-dashboard.auth";

    /// <summary>Cookie sign-in for people, bearer tokens for /api, role policies, and a fallback that requires a user everywhere.</summary>
    public static WebApplicationBuilder AddDashboardAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<AccountService>();
        services.AddScoped<OwnPasswordService>();
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
                    ApiTokenAuthenticationHandler.IsBearer(context.Request.Headers.Authorization.ToString())
                        ? DashboardClaims.BearerScheme
                        : DashboardClaims.CookieScheme)
            .AddCookie(DashboardClaims.CookieScheme, options =>
            {
                options.LoginPath = "/login";
                options.AccessDeniedPath = "/access-denied";
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

            // The __Host- prefix makes browsers take the cookie only when Secure, for this host and path "/": a page on
            // a sibling subdomain or plain-HTTP hop cannot plant or overwrite it. It needs Secure, so only then.
            cookie.Cookie.Name = auth.Value.RequireSecureCookies ? SecureCookieName : CookieName;
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Viewer, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Operator, p => p.RequireRole(nameof(Core.Storage.DashboardRole.Operator)))
            .AddPolicy(Policies.Admin, p => p.RequireRole(nameof(Core.Storage.DashboardRole.Admin)));

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthStateProvider>();

        services.AddDashboardRateLimits();
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
