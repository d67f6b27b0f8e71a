using Dashboard.Core.Setup.Runs;
using Dashboard.Core.Storage;
using Dashboard.Core.Targets;
using Dashboard.Web.Auth;
using Dashboard.Web.ViewModels.Setup;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Dashboard.Web.Components.Pages;

/// <summary>
/// The setup wizard of one target (<c>/setup/{TargetId}</c>), or the choice of a target (<c>/setup</c>). The page owns
/// its live subscription: it subscribes before reading the setup, follows the event stream while open, and
/// unsubscribes when disposed. All decisions about the cluster are the service layer's.
/// </summary>
public sealed partial class Setup : IAsyncDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private SetupEventPump? _pump;
    private string? _loadedTarget;
    private IReadOnlyList<TargetDefinition>? _targets;
    private int _panel;
    private string? _focusStep;
    private bool _rechecking;

    [Inject]
    public required WizardViewModel Model { get; init; }

    [Inject]
    public required IWizardBackend Backend { get; init; }

    [Inject]
    public required ISetupEvents Events { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Parameter]
    public string? TargetId { get; set; }

    [CascadingParameter]
    public required Task<AuthenticationState> AuthState { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        // Prerendering shows the loading state only: the cluster is read once, when the circuit is live.
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        if (TargetId is null)
        {
            _targets ??= await Backend.ListTargetsAsync(_lifetime.Token);
            return;
        }

        if (_loadedTarget == TargetId)
        {
            return;
        }

        _loadedTarget = TargetId;
        if (_pump is not null)
        {
            await _pump.DisposeAsync();
        }

        var user = (await AuthState).User;
        _pump = SetupEventPump.Subscribe(Events, TargetId);
        await Model.LoadAsync(TargetId, DashboardClaims.RoleOf(user) >= DashboardRole.Operator, _lifetime.Token);
        // A first visit starts with the profile; later visits where the work is.
        _panel = Model.Runs.Count == 0 ? 0 : Model.FirstOpenPanel + 1;
        _focusStep = Model.Steps.FirstOrDefault(s => s.Applies && s.State is not (StepDisplayState.Done or StepDisplayState.Passed or StepDisplayState.NotNeeded))?.Id;
        _pump.Start(OnEventsAsync, OnLiveErrorAsync);
    }

    // Panel 0 is the profile; the step groups follow.
    private string PanelTitle(int index) => index == 0 ? "Profile and parameters" : Model.Panels[index - 1].Title;

    // Read when the stepper renders its navigation, so progress is never a render behind.
    private string PanelProgress(string? title) => title == PanelTitle(0)
        ? Model.Profile.Choices.Any(c => c.Overridden) ? "overridden" : "as detected"
        : Model.Panels.FirstOrDefault(p => p.Title == title)?.Progress ?? string.Empty;

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        if (_pump is not null)
        {
            await _pump.DisposeAsync();
        }

        _lifetime.Dispose();
    }

    private Task OnEventsAsync(IReadOnlyList<SetupEvent> events, CancellationToken cancellationToken) => InvokeAsync(async () =>
    {
        await Model.ApplyEventsAsync(events, cancellationToken);
        StateHasChanged();
    });

    private Task OnLiveErrorAsync(Exception exception) => InvokeAsync(() =>
    {
        Model.ReportLiveProblem(exception);
        StateHasChanged();
    });

    // The stepper only navigates: panels are complete when the cluster says so, never because a button was pressed.
    private static Task PreviewAsync(StepperInteractionEventArgs args)
    {
        args.Cancel = args.Action != StepAction.Activate;
        return Task.CompletedTask;
    }

    private async Task ApplyStepAsync(StepRow row)
    {
        var consent = false;
        if (row.Gate.NeedsConsent)
        {
            var confirmed = await Dialogs.ShowMessageBoxAsync(
                "Take over an object the dashboard did not create?",
                $"{row.Problem?.Problem} The dashboard records the object's current state in its ownership ledger (cleanup restores it) and then writes its own version.",
                yesText: "Take over",
                cancelText: "Cancel");
            if (confirmed != true)
            {
                return;
            }

            consent = true;
        }

        await Model.ApplyAsync(row.Id, consent, await ActorAsync(), _lifetime.Token);
    }

    private async Task ApplyAllAsync() => await Model.ApplyAsync(null, consent: false, await ActorAsync(), _lifetime.Token);

    private async Task CancelAsync() => await Model.CancelAsync(await ActorAsync(), _lifetime.Token);

    private async Task SaveSettingsAsync() => await Model.SaveSettingsAsync(await ActorAsync(), _lifetime.Token);

    private async Task RecheckAsync()
    {
        _rechecking = true;
        try
        {
            // Nothing loaded yet (the first read failed): load it all, runs included.
            if (Model.Overview is null)
            {
                await Model.LoadAsync(Model.TargetId, Model.CanOperate, _lifetime.Token);
            }
            else
            {
                await Model.RefreshSetupAsync(reloadForms: false, _lifetime.Token);
            }
        }
        finally
        {
            _rechecking = false;
        }
    }

    private async Task<Dashboard.Core.Audit.Actor> ActorAsync() => DashboardClaims.ActorOf((await AuthState).User);
}
