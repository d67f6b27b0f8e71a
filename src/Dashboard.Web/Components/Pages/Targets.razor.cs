using Dashboard.Core.Storage;
using Dashboard.Core.Targets;
using Dashboard.Web.Auth;
using Dashboard.Web.ViewModels.Targets;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace Dashboard.Web.Components.Pages;

/// <summary>The targets with their connection state (tested when the page opens, for Operators), and the editor (Admins).</summary>
public sealed partial class Targets : IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private bool _loaded;

    [Inject]
    public required TargetsViewModel Model { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [CascadingParameter]
    public required Task<AuthenticationState> AuthState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        var role = DashboardClaims.RoleOf((await AuthState).User);
        await Model.LoadAsync(role >= DashboardRole.Operator, role >= DashboardRole.Admin, _lifetime.Token);
        _loaded = true;
        if (Model.CanOperate)
        {
            // Each target is tested on its own, so a slow cluster does not hold back the others.
            foreach (var target in Model.Targets)
            {
                _ = TestAsync(target.Id);
            }
        }
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    private async Task TestAsync(string targetId)
    {
        var test = Model.TestAsync(targetId, _lifetime.Token);
        StateHasChanged();
        try
        {
            await test;
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            return;
        }

        await InvokeAsync(StateHasChanged);
    }

    private async Task UploadAsync(IBrowserFile file)
    {
        if (file.Size > KubeconfigFiles.MaxBytes)
        {
            Model.RejectUpload(file.Name, $"The file is {file.Size} bytes; a kubeconfig is a few kilobytes (at most {KubeconfigFiles.MaxBytes} bytes accepted): choose the kubeconfig file itself.");
            return;
        }

        using var buffer = new MemoryStream();
        await using (var stream = file.OpenReadStream(KubeconfigFiles.MaxBytes, _lifetime.Token))
        {
            await stream.CopyToAsync(buffer, _lifetime.Token);
        }

        Model.Upload(file.Name, buffer.ToArray());
    }

    private async Task SaveAsync() => await Model.SaveAsync(DashboardClaims.ActorOf((await AuthState).User), _lifetime.Token);

    private async Task DeleteAsync(TargetDefinition target)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Delete target {target.Name}?",
            "The dashboard forgets the target. What its setup created in the cluster stays there: run cleanup first if you want it gone.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed == true)
        {
            await Model.DeleteAsync(target, DashboardClaims.ActorOf((await AuthState).User), _lifetime.Token);
        }
    }
}
