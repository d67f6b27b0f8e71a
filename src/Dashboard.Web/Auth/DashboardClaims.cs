using System.Security.Claims;
using Dashboard.Core.Audit;
using Dashboard.Core.Storage;

namespace Dashboard.Web.Auth;

/// <summary>Claim types, schemes and policies, in one place.</summary>
public static class DashboardClaims
{
    public const string UserId = "dashboard:uid";
    public const string SessionId = "dashboard:sid";
    public const string TokenId = "dashboard:tid";

    public const string CookieScheme = "Cookies";
    public const string BearerScheme = "Bearer";
    public const string SelectorScheme = "CookieOrBearer";

    /// <summary>
    /// A cookie-signed-in user's principal. The session id ties the cookie to its server-side session record, which
    /// decides on every request whether the cookie still counts.
    /// </summary>
    public static ClaimsPrincipal ForUser(int id, string userName, DashboardRole role, Guid sessionId) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(UserId, id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, userName),
                .. RoleClaims(role),
                new Claim(SessionId, sessionId.ToString("N")),
            ],
            CookieScheme));

    /// <summary>Role claims: a role includes the ones below it, so <c>IsInRole("Operator")</c> holds for admins too.</summary>
    public static IEnumerable<Claim> RoleClaims(DashboardRole role) =>
        Enum.GetValues<DashboardRole>().Where(r => r <= role).Select(r => new Claim(ClaimTypes.Role, r.ToString()));

    /// <summary>The highest role a principal holds.</summary>
    public static DashboardRole RoleOf(ClaimsPrincipal user) =>
        Enum.GetValues<DashboardRole>().Where(r => user.IsInRole(r.ToString())).DefaultIfEmpty(DashboardRole.Viewer).Max();

    public static int? UserIdOf(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(UserId), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The server-side session a cookie principal belongs to; null for tokens.</summary>
    public static Guid? SessionIdOf(ClaimsPrincipal user) => Guid.TryParseExact(user.FindFirstValue(SessionId), "N", out var id) ? id : null;

    /// <summary>The audit log's view of a request's user.</summary>
    public static Actor ActorOf(ClaimsPrincipal user, HttpContext? http = null) =>
        new(user.Identity?.Name ?? "anonymous", http?.Connection.RemoteIpAddress?.ToString());
}

/// <summary>Authorization policies by role.</summary>
public static class Policies
{
    public const string Viewer = nameof(Viewer);
    public const string Operator = nameof(Operator);
    public const string Admin = nameof(Admin);
}
