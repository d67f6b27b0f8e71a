using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Dashboard.Core.Accounts;
using Dashboard.Core.Storage;
using Dashboard.Web.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> for <c>/api</c>: a user's API token, or the configured bootstrap token
/// (an admin). Failures answer 401 with a <c>WWW-Authenticate</c> header and never echo the token.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    IOptionsMonitor<AuthOptions> authOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string header = Request.Headers.Authorization.ToString();
        if (!IsBearer(header))
        {
            return AuthenticateResult.NoResult();
        }

        var presented = header["Bearer".Length..].Trim();
        if (presented.Length == 0)
        {
            return AuthenticateResult.Fail("The Authorization header names the Bearer scheme but carries no token.");
        }

        if (IsBootstrapToken(presented))
        {
            return Success(new Claim(ClaimTypes.Name, "bootstrap-token"), DashboardRole.Admin);
        }

        var identity = await tokens.AuthenticateAsync(presented, Context.RequestAborted);
        if (identity is null)
        {
            return AuthenticateResult.Fail("The bearer token is unknown, revoked or expired.");
        }

        return Success(new Claim(ClaimTypes.Name, identity.UserName), identity.Role,
            new Claim(DashboardClaims.UserId, identity.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(DashboardClaims.TokenId, identity.TokenId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Whether a request presents a bearer token, valid or not. Such a request is judged by its token alone: a wrong or
    /// empty token answers 401 and never falls back to a cookie the same client also sends.
    /// </summary>
    internal static bool IsBearer(string authorization) =>
        authorization.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase)
        && (authorization.Length == "Bearer".Length || char.IsWhiteSpace(authorization["Bearer".Length]));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"dashboard\"";
        return Task.CompletedTask;
    }

    private bool IsBootstrapToken(string presented)
    {
        var configured = authOptions.CurrentValue.BootstrapApiToken;
        if (string.IsNullOrEmpty(configured))
        {
            return false;
        }

        // Compare hashes so the comparison takes the same time whatever the lengths.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
    }

    private AuthenticateResult Success(Claim name, DashboardRole role, params Claim[] extra)
    {
        var identity = new ClaimsIdentity([name, .. DashboardClaims.RoleClaims(role), .. extra], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
