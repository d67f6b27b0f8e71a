using Dashboard.Core.Audit;
using Dashboard.Core.Targets;

namespace Dashboard.Web.ViewModels.Targets;

/// <summary>What the Targets page needs from the service layer (the services /api uses), in one seam for tests.</summary>
public interface ITargetsBackend
{
    /// <summary>Every target.</summary>
    Task<IReadOnlyList<TargetDefinition>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The connection test; null when the target does not exist.</summary>
    Task<ConnectionTestResult?> TestAsync(string targetId, CancellationToken cancellationToken);

    /// <summary>Creates a target.</summary>
    Task<TargetChangeResult> CreateAsync(TargetRequest request, Actor actor, CancellationToken cancellationToken);

    /// <summary>Changes a stored target.</summary>
    Task<TargetChangeResult> UpdateAsync(string targetId, TargetRequest request, Actor actor, CancellationToken cancellationToken);

    /// <summary>Deletes a stored target.</summary>
    Task<bool> DeleteAsync(string targetId, Actor actor, CancellationToken cancellationToken);

    /// <summary>The contexts of an uploaded kubeconfig.</summary>
    KubeconfigInspection InspectUpload(byte[] content);

    /// <summary>The contexts of a kubeconfig on the dashboard's host.</summary>
    KubeconfigInspection InspectPath(string path);

    /// <summary>Keeps an uploaded kubeconfig; returns its path.</summary>
    Task<string> SaveUploadAsync(string targetName, byte[] content, CancellationToken cancellationToken);

    /// <summary>Deletes an uploaded kubeconfig no target uses any more.</summary>
    void DeleteUpload(string? path);
}

/// <summary>The seam over <see cref="TargetService"/>, <see cref="TargetConnectionTester"/> and <see cref="KubeconfigFiles"/>.</summary>
public sealed class TargetsBackend(TargetService targets, TargetConnectionTester tester, KubeconfigFiles files) : ITargetsBackend
{
    public Task<IReadOnlyList<TargetDefinition>> ListAsync(CancellationToken cancellationToken) => targets.ListAsync(cancellationToken);

    public Task<ConnectionTestResult?> TestAsync(string targetId, CancellationToken cancellationToken) => tester.TestAsync(targetId, cancellationToken);

    public Task<TargetChangeResult> CreateAsync(TargetRequest request, Actor actor, CancellationToken cancellationToken) => targets.CreateAsync(request, actor, cancellationToken);

    public Task<TargetChangeResult> UpdateAsync(string targetId, TargetRequest request, Actor actor, CancellationToken cancellationToken) =>
        targets.UpdateAsync(targetId, request, actor, cancellationToken);

    public Task<bool> DeleteAsync(string targetId, Actor actor, CancellationToken cancellationToken) => targets.DeleteAsync(targetId, actor, cancellationToken);

    public KubeconfigInspection InspectUpload(byte[] content) => KubeconfigFiles.Inspect(content);

    public KubeconfigInspection InspectPath(string path) => KubeconfigFiles.InspectFile(path);

    public Task<string> SaveUploadAsync(string targetName, byte[] content, CancellationToken cancellationToken) => files.SaveAsync(targetName, content, cancellationToken);

    public void DeleteUpload(string? path) => files.Delete(path);
}
