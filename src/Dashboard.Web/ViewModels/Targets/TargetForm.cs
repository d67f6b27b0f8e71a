using Dashboard.Core.Targets;

namespace Dashboard.Web.ViewModels.Targets;

/// <summary>Where a target's kubeconfig comes from.</summary>
public enum KubeconfigSource
{
    /// <summary>A file uploaded through the browser (kept under the data directory).</summary>
    Upload,

    /// <summary>A file on the dashboard's host.</summary>
    Path,

    /// <summary>The pod's service account (the dashboard runs in the cluster).</summary>
    InCluster,
}

/// <summary>
/// The add/edit form of a target. The IBM Cloud API key is write-only: the form starts empty, shows only whether a
/// key is stored, and forgets what was typed once saved.
/// </summary>
public sealed class TargetForm
{
    public bool IsNew { get; private init; }

    public string Name { get; set; } = string.Empty;

    public KubeconfigSource Source { get; set; } = KubeconfigSource.Upload;

    public string KubeconfigPath { get; set; } = string.Empty;

    /// <summary>The uploaded file's bytes (never shown), until saved.</summary>
    public byte[]? Upload { get; private set; }

    public string? UploadName { get; private set; }

    /// <summary>The contexts of the chosen kubeconfig, or why it cannot be used.</summary>
    public KubeconfigInspection? Inspection { get; private set; }

    /// <summary>The chosen context; null for the kubeconfig's current context.</summary>
    public string? Context { get; set; }

    public string IksClusterName { get; set; } = string.Empty;

    /// <summary>A new API key typed by the user; empty keeps the stored one.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Whether a key is stored (shown as "set").</summary>
    public bool HasStoredKey { get; private init; }

    /// <summary>Remove the stored key.</summary>
    public bool RemoveKey { get; set; }

    /// <summary>The kubeconfig the target used before (an upload to delete once replaced).</summary>
    public string? PreviousKubeconfigPath { get; private init; }

    /// <summary>The chosen context's entry.</summary>
    public KubeconfigContext? SelectedContext => Inspection?.Contexts.FirstOrDefault(c => c.Name == (Context ?? Inspection.CurrentContext));

    public string? NameError => !IsNew || TargetValidation.IsDnsLabel(Name) ? null
        : "Use 1-63 lowercase letters, digits and dashes, starting and ending with a letter or digit (e.g. prod-us-south).";

    public static TargetForm Blank() => new() { IsNew = true };

    public static TargetForm For(TargetDefinition target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new TargetForm
        {
            Name = target.Id,
            Source = target.InCluster ? KubeconfigSource.InCluster : KubeconfigSource.Path,
            KubeconfigPath = target.KubeconfigPath ?? string.Empty,
            Context = target.KubeContext,
            IksClusterName = target.IksClusterName ?? string.Empty,
            HasStoredKey = target.HasApiKey,
            PreviousKubeconfigPath = target.KubeconfigPath,
        };
    }

    /// <summary>Takes an uploaded file and lists its contexts (choosing its current one).</summary>
    public void SetUpload(string fileName, byte[] content, KubeconfigInspection inspection)
    {
        Upload = content;
        UploadName = fileName;
        Source = KubeconfigSource.Upload;
        Show(inspection);
    }

    /// <summary>Lists the contexts of the kubeconfig at <see cref="KubeconfigPath"/>.</summary>
    public void Show(KubeconfigInspection inspection)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        Inspection = inspection;
        if (Context is not null && inspection.Contexts.All(c => c.Name != Context))
        {
            Context = null;
        }
    }

    /// <summary>The request for the service, given the kubeconfig path to use.</summary>
    public TargetRequest ToRequest(string? kubeconfigPath) => new(
        Name.Trim(),
        Source == KubeconfigSource.InCluster ? null : kubeconfigPath,
        Source == KubeconfigSource.InCluster ? null : Context,
        Source == KubeconfigSource.InCluster,
        string.IsNullOrWhiteSpace(IksClusterName) ? null : IksClusterName.Trim(),
        RemoveKey ? string.Empty : string.IsNullOrWhiteSpace(ApiKey) ? null : ApiKey.Trim());

    /// <summary>Forgets the typed key and the uploaded bytes.</summary>
    public void ForgetSecrets()
    {
        ApiKey = string.Empty;
        Upload = null;
    }
}
