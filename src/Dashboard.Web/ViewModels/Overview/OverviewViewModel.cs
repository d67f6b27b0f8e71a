using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Targets;
using Dashboard.Web.ViewModels.Setup;

namespace Dashboard.Web.ViewModels.Overview;

/// <summary>One target on the overview.</summary>
/// <param name="Target">The target.</param>
/// <param name="State">Its setup state and last run.</param>
public sealed record TargetOverview(TargetDefinition Target, SetupState State);

/// <summary>The overview: every target with its setup state and last run, kept live from the event stream.</summary>
public sealed class OverviewViewModel(IWizardBackend backend)
{
    // Each step's latest result decides the state, so the window must hold a whole step-by-step setup (15 runs of one
    // step) and the runs after it ("Verify again", "Apply again"); the store returns at most 100.
    private const int Runs = 50;

    public IReadOnlyList<TargetOverview> Targets { get; private set; } = [];

    public int EventsSeen { get; private set; }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rows = new List<TargetOverview>();
        foreach (var target in await backend.ListTargetsAsync(cancellationToken))
        {
            rows.Add(new TargetOverview(target, SetupState.Of(await backend.ListRunsAsync(target.Id, Runs, cancellationToken))));
        }

        Targets = rows;
    }

    /// <summary>Re-reads the runs of the targets the events are about.</summary>
    public async Task ApplyEventsAsync(IReadOnlyList<SetupEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        EventsSeen += events.Count;
        var rows = Targets.ToList();
        foreach (var targetId in events.Select(e => e.TargetId).Distinct(StringComparer.Ordinal))
        {
            var index = rows.FindIndex(r => r.Target.Id == targetId);
            if (index >= 0)
            {
                rows[index] = rows[index] with { State = SetupState.Of(await backend.ListRunsAsync(targetId, Runs, cancellationToken)) };
            }
        }

        Targets = rows;
    }
}
