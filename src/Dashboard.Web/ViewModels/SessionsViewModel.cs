using System.Security.Claims;
using Dashboard.Core.Accounts;
using Dashboard.Web.Auth;

namespace Dashboard.Web.ViewModels;

/// <summary>The signed-in user's live sessions, with the one this page runs in marked; revoke any of them.</summary>
public sealed class SessionsViewModel(SessionService sessions, SessionValidator validator, TimeProvider time)
{
    public IReadOnlyList<SessionInfo> Sessions { get; private set; } = [];

    /// <summary>When the list was read: the page says how old it is.</summary>
    public DateTimeOffset? ReadAt { get; private set; }

    public Guid? Current { get; private set; }

    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    public async Task LoadAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Current = DashboardClaims.SessionIdOf(user);
        Sessions = DashboardClaims.UserIdOf(user) is { } userId ? await sessions.ListAsync(userId, cancellationToken) : [];
        ReadAt = time.GetUtcNow();
    }

    public async Task RevokeAsync(ClaimsPrincipal user, Guid sessionId, CancellationToken cancellationToken)
    {
        Notice = Error = null;
        if (await validator.ConfirmAsync(user, cancellationToken) is not { } actor)
        {
            Error = SessionValidator.EndedMessage;
            return;
        }

        var revoked = DashboardClaims.UserIdOf(user) is { } userId && await sessions.RevokeAsync(userId, sessionId, actor, cancellationToken);
        validator.Forget(sessionId);
        Notice = !revoked ? "That session had ended already."
            : sessionId == Current ? "This session is ended: the page signs out within a minute."
            : "Session ended: its browser is signed out.";
        await LoadAsync(user, cancellationToken);
    }

    /// <summary>A lifetime as people say it: "8 hours", "1 day 12 hours", "90 minutes", never "08:00:00".</summary>
    public static string Duration(TimeSpan span)
    {
        var parts = new List<string>();
        Add(span.Days, "day");
        Add(span.Hours, "hour");
        Add(span.Minutes, "minute");
        Add(span.Seconds, "second");
        return parts.Count == 0 ? "0 seconds" : string.Join(" ", parts);

        void Add(int value, string unit)
        {
            if (value > 0)
            {
                parts.Add(value == 1 ? $"1 {unit}" : $"{value} {unit}s");
            }
        }
    }

    /// <summary>A short description of a browser from its User-Agent, for recognising a session.</summary>
    public static string Browser(string? userAgent) => userAgent switch
    {
        null or "" => "unknown browser",
        _ when userAgent.Contains("Edg/", StringComparison.Ordinal) => "Edge",
        _ when userAgent.Contains("Firefox/", StringComparison.Ordinal) => "Firefox",
        _ when userAgent.Contains("Chrome/", StringComparison.Ordinal) => "Chrome/Chromium",
        _ when userAgent.Contains("Safari/", StringComparison.Ordinal) => "Safari",
        _ when userAgent.StartsWith("curl/", StringComparison.Ordinal) => "curl",
        _ => userAgent.Length <= 40 ? userAgent : userAgent[..40] + "…",
    };
}
