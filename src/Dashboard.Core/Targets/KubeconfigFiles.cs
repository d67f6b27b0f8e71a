using Dashboard.Core.Storage;
using k8s;
using k8s.KubeConfigModels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Targets;

/// <summary>One context of a kubeconfig, as a picker shows it.</summary>
/// <param name="Name">The context's name.</param>
/// <param name="Cluster">Its cluster entry.</param>
/// <param name="Server">That cluster's API server URL.</param>
/// <param name="User">Its user entry.</param>
/// <param name="Namespace">Its default namespace, when set.</param>
/// <param name="UsesExec">The user runs an exec credential plugin (a command on the dashboard's host).</param>
public sealed record KubeconfigContext(string Name, string? Cluster, string? Server, string? User, string? Namespace, bool UsesExec);

/// <summary>What a kubeconfig holds, or why it cannot be used.</summary>
/// <param name="Contexts">Its contexts.</param>
/// <param name="CurrentContext">Its current context.</param>
/// <param name="Error">Why it cannot be used (naming the problem and the fix); null when it can.</param>
public sealed record KubeconfigInspection(IReadOnlyList<KubeconfigContext> Contexts, string? CurrentContext, string? Error)
{
    /// <summary>An unusable kubeconfig.</summary>
    public static KubeconfigInspection Failed(string error) => new([], null, error);
}

/// <summary>
/// Kubeconfig files for targets: lists the contexts of a file (configured path or upload), and keeps uploaded ones in
/// <c>&lt;data directory&gt;/kubeconfigs/&lt;target&gt;-&lt;random&gt;.yaml</c>, readable by the dashboard's user only (they
/// hold cluster credentials). Each upload gets a new file, so a refused change never touches the file a target uses;
/// the caller deletes the file it replaced. Never returns or logs the file's content.
/// </summary>
public sealed class KubeconfigFiles(IOptions<StorageOptions> storage, IHostEnvironment environment)
{
    /// <summary>The largest kubeconfig accepted (kubeconfigs are a few kilobytes).</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The directory uploaded kubeconfigs are kept in.</summary>
    public string Directory => Path.Combine(storage.Value.ResolveDataDirectory(environment.ContentRootPath), "kubeconfigs");

    /// <summary>Reads a kubeconfig given as bytes (an upload).</summary>
    public static KubeconfigInspection Inspect(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
        {
            return KubeconfigInspection.Failed("The file is empty: choose the kubeconfig file (e.g. the one 'ibmcloud ks cluster config --cluster <name>' writes).");
        }

        if (content.Length > MaxBytes)
        {
            return KubeconfigInspection.Failed($"The file is {content.Length} bytes; a kubeconfig is a few kilobytes (at most {MaxBytes} bytes accepted): choose the kubeconfig file itself.");
        }

        try
        {
            using var stream = new MemoryStream(content, writable: false);
            return Describe(KubernetesClientConfiguration.LoadKubeConfig(stream));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return KubeconfigInspection.Failed($"The file is not a kubeconfig ({e.GetType().Name}); check it with 'kubectl --kubeconfig <file> config get-contexts'.");
        }
    }

    /// <summary>Reads a kubeconfig on the dashboard's host (a configured path).</summary>
    public static KubeconfigInspection InspectFile(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return KubeconfigInspection.Failed("No path: give the path of a kubeconfig file on the dashboard's host.");
        }

        if (!File.Exists(path))
        {
            return KubeconfigInspection.Failed($"'{path}' does not exist on the dashboard's host: give the path of a kubeconfig file the dashboard can read.");
        }

        try
        {
            return Describe(KubernetesClientConfiguration.LoadKubeConfig(path));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return KubeconfigInspection.Failed($"'{path}' is not a readable kubeconfig ({e.GetType().Name}); check it with 'kubectl --kubeconfig {path} config get-contexts'.");
        }
    }

    /// <summary>Keeps an uploaded kubeconfig for <paramref name="targetName"/> in a new file and returns its path; invalid content is refused.</summary>
    /// <exception cref="ArgumentException">The name is not a DNS label or the content is not a usable kubeconfig.</exception>
    public async Task<string> SaveAsync(string targetName, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!TargetValidation.IsDnsLabel(targetName))
        {
            throw new ArgumentException($"The target name '{targetName}' is not a DNS label: use lowercase letters, digits and dashes.", nameof(targetName));
        }

        if (Inspect(content).Error is { } error)
        {
            throw new ArgumentException(error, nameof(content));
        }

        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, $"{targetName}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}.yaml");
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new FileStream(temporary, options))
        {
            await file.WriteAsync(content, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>Deletes an uploaded kubeconfig that is no longer used; files outside <see cref="Directory"/> are never touched.</summary>
    /// <returns>Whether a file was deleted.</returns>
    public bool Delete(string? path)
    {
        if (string.IsNullOrEmpty(path) || !string.Equals(Path.GetDirectoryName(Path.GetFullPath(path)), Path.GetFullPath(Directory), StringComparison.Ordinal) || !File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    private static KubeconfigInspection Describe(K8SConfiguration config)
    {
        var clusters = config.Clusters?.ToDictionary(c => c.Name, c => c.ClusterEndpoint?.Server, StringComparer.Ordinal) ?? [];
        var exec = config.Users?.Where(u => u.UserCredentials?.ExternalExecution is not null).Select(u => u.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var contexts = (config.Contexts ?? []).Select(c => new KubeconfigContext(
            c.Name,
            c.ContextDetails?.Cluster,
            c.ContextDetails?.Cluster is { } cluster ? clusters.GetValueOrDefault(cluster) : null,
            c.ContextDetails?.User,
            c.ContextDetails?.Namespace,
            c.ContextDetails?.User is { } user && exec.Contains(user))).ToList();
        return contexts.Count == 0
            ? KubeconfigInspection.Failed("The kubeconfig has no contexts: create one (kubectl config set-context) or use the file 'ibmcloud ks cluster config' writes.")
            : new KubeconfigInspection(contexts, string.IsNullOrEmpty(config.CurrentContext) ? null : config.CurrentContext, null);
    }
}
