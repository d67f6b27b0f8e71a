using Dashboard.Core.Audit;
using Dashboard.Core.Targets;
using Dashboard.Web.ViewModels.Setup;

namespace Dashboard.Web.ViewModels.Targets;

/// <summary>A target's connection as the list shows it.</summary>
/// <param name="Checking">A test is running.</param>
/// <param name="Result">The last test's result.</param>
public sealed record ConnectionView(bool Checking, ConnectionTestResult? Result)
{
    public static ConnectionView NotChecked { get; } = new(false, null);
}

/// <summary>The Targets page: the list with each target's connection, the connection test, and the add/edit form (admins).</summary>
public sealed class TargetsViewModel(ITargetsBackend backend)
{
    private readonly Dictionary<string, ConnectionView> _connections = new(StringComparer.Ordinal);

    public IReadOnlyList<TargetDefinition> Targets { get; private set; } = [];

    public bool CanOperate { get; private set; }

    public bool CanAdminister { get; private set; }

    /// <summary>The form being edited, or null.</summary>
    public TargetForm? Editing { get; private set; }

    /// <summary>Why the last save was refused (every problem at once).</summary>
    public IReadOnlyList<string> FormErrors { get; private set; } = [];

    public string? Notice { get; private set; }

    public ProblemInfo? Problem { get; private set; }

    public ConnectionView ConnectionOf(string targetId) => _connections.GetValueOrDefault(targetId, ConnectionView.NotChecked);

    public async Task LoadAsync(bool canOperate, bool canAdminister, CancellationToken cancellationToken)
    {
        CanOperate = canOperate;
        CanAdminister = canAdminister;
        Targets = await backend.ListAsync(cancellationToken);
    }

    /// <summary>Tests one target's connection (Operators; the test calls the cluster and IKS).</summary>
    public async Task TestAsync(string targetId, CancellationToken cancellationToken)
    {
        if (!CanOperate)
        {
            return;
        }

        _connections[targetId] = new ConnectionView(true, ConnectionOf(targetId).Result);
        try
        {
            var result = await backend.TestAsync(targetId, cancellationToken);
            _connections[targetId] = new ConnectionView(false, result);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _connections[targetId] = new ConnectionView(false, new ConnectionTestResult(targetId,
                [new ConnectionCheck("kubernetes", false, $"The test itself failed: {e.GetType().Name}.", "Check the target's settings and try again.")]));
        }
    }

    public void StartAdd()
    {
        ClearMessages();
        Editing = TargetForm.Blank();
    }

    public void StartEdit(TargetDefinition target)
    {
        ClearMessages();
        Editing = TargetForm.For(target);
        if (Editing.KubeconfigPath.Length > 0)
        {
            Editing.Show(backend.InspectPath(Editing.KubeconfigPath));
        }
    }

    public void CancelEdit()
    {
        Editing?.ForgetSecrets();
        Editing = null;
        FormErrors = [];
    }

    /// <summary>Takes an uploaded kubeconfig and lists its contexts.</summary>
    public void Upload(string fileName, byte[] content) => Editing?.SetUpload(fileName, content, backend.InspectUpload(content));

    /// <summary>A file that cannot be a kubeconfig (too large to read): said instead of its contexts.</summary>
    public void RejectUpload(string fileName, string reason) => Editing?.SetUpload(fileName, [], KubeconfigInspection.Failed(reason));

    /// <summary>Lists the contexts of the kubeconfig at the typed path.</summary>
    public void InspectPath()
    {
        if (Editing is { } form)
        {
            form.Show(backend.InspectPath(form.KubeconfigPath));
        }
    }

    /// <summary>Creates or changes the target; bad input changes nothing and is answered with every problem at once.</summary>
    public async Task<bool> SaveAsync(Actor actor, CancellationToken cancellationToken)
    {
        if (Editing is not { } form || !CanAdminister)
        {
            return false;
        }

        FormErrors = [];
        if (form.NameError is { } nameError)
        {
            FormErrors = [nameError];
            return false;
        }

        string? uploaded = null;
        var kubeconfig = form.KubeconfigPath;
        if (form.Source == KubeconfigSource.Upload)
        {
            if (form.Upload is null)
            {
                FormErrors = [form.IsNew || form.PreviousKubeconfigPath is null ? "Choose a kubeconfig file to upload." : "Choose a kubeconfig file, or switch to 'Path on the dashboard's host' to keep the current one."];
                return false;
            }

            if (form.Inspection?.Error is { } uploadError)
            {
                FormErrors = [uploadError];
                return false;
            }

            uploaded = kubeconfig = await backend.SaveUploadAsync(form.Name, form.Upload, cancellationToken);
        }

        var request = form.ToRequest(kubeconfig);
        var result = form.IsNew ? await backend.CreateAsync(request, actor, cancellationToken) : await backend.UpdateAsync(form.Name, request, actor, cancellationToken);
        if (!result.Succeeded)
        {
            backend.DeleteUpload(uploaded);
            FormErrors = result.Errors;
            return false;
        }

        if (form.PreviousKubeconfigPath != result.Target!.KubeconfigPath)
        {
            backend.DeleteUpload(form.PreviousKubeconfigPath);
        }

        form.ForgetSecrets();
        Editing = null;
        Notice = $"Target '{result.Target.Id}' saved{(result.Target.HasApiKey ? "; API key set" : "")}. Test its connection below.";
        Targets = await backend.ListAsync(cancellationToken);
        _connections.Remove(result.Target.Id);
        return true;
    }

    public async Task DeleteAsync(TargetDefinition target, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ClearMessages();
        if (await backend.DeleteAsync(target.Id, actor, cancellationToken))
        {
            backend.DeleteUpload(target.KubeconfigPath);
            Notice = $"Target '{target.Id}' deleted. What its setup created in the cluster is still there.";
            _connections.Remove(target.Id);
        }
        else
        {
            Problem = new ProblemInfo($"Target '{target.Id}' was not deleted.", "Only targets added here can be deleted; the sandbox and configured targets cannot.", null, null, []);
        }

        Targets = await backend.ListAsync(cancellationToken);
    }

    public void ClearMessages()
    {
        Notice = null;
        Problem = null;
        FormErrors = [];
    }
}
