using System.Reflection;
using Dashboard.Core.Setup;
using Dashboard.Sandbox;
using Dashboard.Sandbox.Kubernetes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Dashboard.Core.Tests.Logging;

/// <summary>The logging habits: event ids unique and inside their area's range (docs/logging.md), scopes naming the target and run, exceptions logged whole.</summary>
public sealed class LogEventsTests
{
    [Fact]
    public void EventIds_OfTheCoreAndTheSandbox_UniqueAndInTheirAreasRange()
    {
        var events = new[] { typeof(SetupService).Assembly, typeof(SandboxEnvironment).Assembly, typeof(SandboxKubernetesServer).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Select(m => (Method: $"{m.DeclaringType!.Name}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(e => e.Attribute is not null)
            .ToList();

        Assert.True(events.Count >= 50, $"only {events.Count} events found");
        Assert.Empty(events.GroupBy(e => e.Attribute!.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Method))}"));
        Assert.All(events, e => Assert.True(InRange(e.Method, e.Attribute!.EventId), $"{e.Method} has id {e.Attribute!.EventId}, outside its area's range"));
    }

    [Fact]
    public void RunScope_EventsLoggedInside_CarryTheTargetAndTheRun()
    {
        var logger = new FakeLogger();
        var run = Guid.NewGuid();

        using (SetupLog.RunScope(logger, "prod-us-south", run))
        {
            SetupLog.CleanupLostHold(logger, "prod-us-south", 3);
        }

        var record = logger.LatestRecord;
        var scope = Assert.IsAssignableFrom<IEnumerable<KeyValuePair<string, object?>>>(Assert.Single(record.Scopes));
        Assert.Contains(new KeyValuePair<string, object?>("Target", "prod-us-south"), scope);
        Assert.Contains(new KeyValuePair<string, object?>("RunId", run), scope);
        Assert.Equal(1602, record.Id.Id);
    }

    [Fact]
    public void LeaseRenewalFailed_Exception_LoggedWholeWithItsEventId()
    {
        var logger = new FakeLogger();
        var thrown = new InvalidOperationException("the store is busy");

        SetupLog.LeaseRenewalFailed(logger, thrown, "sandbox");

        Assert.Same(thrown, logger.LatestRecord.Exception);
        Assert.Equal(1611, logger.LatestRecord.Id.Id);
        Assert.Equal(LogLevel.Warning, logger.LatestRecord.Level);
    }

    // The ranges of docs/logging.md, by the class that owns the events.
    private static bool InRange(string method, int id) => method.Split('.')[0] switch
    {
        "AuditLogEvents" => id is >= 1100 and < 1300,
        "TargetsLog" => id is >= 1300 and < 1400,
        "IbmLog" => id is >= 1400 and < 1500,
        "ProbeLog" => id is >= 1500 and < 1600,
        "SetupLog" => id is >= 1600 and < 1700,
        "SandboxKubernetesLog" => id is >= 3000 and < 3500,
        "IksSimulatorLog" => id is >= 3500 and < 3900,
        "SandboxLog" => id is >= 3900 and < 4000,
        "DataPlaneLog" => id is >= 4000 and < 4500,
        _ => false,
    };
}
