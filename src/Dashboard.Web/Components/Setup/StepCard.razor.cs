using Dashboard.Core.Setup.Runs;
using Dashboard.Web.ViewModels.Preview;
using Dashboard.Web.ViewModels.Setup;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Setup;

/// <summary>
/// One step: its state, what it found, why it cannot go on (problem, cause, remedy), what it waits for, its last
/// result (for the verifications: the requests, the served certificates and the teapot), and on demand what it
/// would write (YAML), the diff against the cluster and the equivalent commands. Apply asks the page to start it.
/// </summary>
public sealed partial class StepCard
{
    private static readonly Dictionary<string, string> s_factLabels = new(StringComparer.Ordinal)
    {
        ["albDomain"] = "ALB domain",
        ["albSecret"] = "ALB certificate secret",
        ["albHost"] = "httpbin host on the ALB",
        ["clusterType"] = "Cluster type",
        ["gatewayAddress"] = "Gateway address",
        ["gatewayHost"] = "Gateway DNS name",
        ["nlbSecret"] = "Gateway certificate secret",
    };

    private bool _expanded;
    private bool _busy;

    [Parameter, EditorRequired]
    public required StepRow Row { get; set; }

    /// <summary>Whether the details (YAML, diff, commands) start open.</summary>
    [Parameter]
    public bool InitiallyExpanded { get; set; }

    /// <summary>Apply was pressed (for steps that need consent, after the page asked).</summary>
    [Parameter]
    public EventCallback<StepRow> OnApply { get; set; }

    // Reasons that hold for every step are said once on the page, under these ids.
    private string? DescribedBy => Row.Gate.Kind switch
    {
        GateReason.EarlierBlocked or GateReason.Blocked => $"gate-{Row.Id}",
        GateReason.ActiveRun => "apply-all-reason",
        GateReason.Role => "viewer-notice",
        _ => null,
    };

    private bool HasDetails => Row.Applies && (Row.Objects.Count > 0 || Row.Commands.Count > 0);

    private string DetailsLabel => Row.Objects.Count > 0 ? "YAML, diff and commands" : "commands";

    // During a run the run's word on the step is newer than the observation made when the page loaded.
    private string Summary => KeyMaterialFilter.Redact(Row.ActiveStep is { Summary: { } current } ? current : Row.Observation.Summary);

    private string DiffTabText
    {
        get
        {
            var (added, removed) = (Row.Objects.Sum(o => o.Diff.Added), Row.Objects.Sum(o => o.Diff.Removed));
            return added + removed == 0 ? "Diff (none)" : $"Diff (+{added} −{removed})";
        }
    }

    protected override void OnInitialized() => _expanded = InitiallyExpanded;

    // The last result often says what the card already says: an in-sync step's result is its observation, and an
    // applied step's result ends with its verification, which is that observation. Only the rest is shown, if any.
    private string? ResultSummary(SetupRunStepView result)
    {
        var text = KeyMaterialFilter.Redact(result.Summary).Trim();
        var shown = Summary.Trim();
        if (shown.Length > 0)
        {
            if (text == shown)
            {
                return null;
            }

            if (text.EndsWith(" " + shown, StringComparison.Ordinal))
            {
                text = text[..^(shown.Length + 1)].TrimEnd();
            }
            else if (text.StartsWith(shown + " ", StringComparison.Ordinal))
            {
                text = text[(shown.Length + 1)..].TrimStart();
            }
        }

        return text.Length == 0 ? null : text;
    }

    private async Task ApplyAsync()
    {
        _busy = true;
        try
        {
            await OnApply.InvokeAsync(Row);
        }
        finally
        {
            _busy = false;
        }
    }

    private static string FactLabel(string key) => s_factLabels.GetValueOrDefault(key, key);

    private static string ActionText(string action) => action switch
    {
        "create" => "will be created",
        "update" => "will be updated",
        "adopt" => "exists: will be taken over",
        _ => "no change",
    };
}
