using Dashboard.Core.Audit;
using Dashboard.Core.Storage;
using Dashboard.Core.Targets;
using Dashboard.Web.ViewModels.Targets;

namespace Dashboard.Web.Tests.ViewModels;

/// <summary>An in-memory backend for the Targets page: targets, tests and uploads are recorded; refusals are set by the test.</summary>
internal sealed class FakeTargetsBackend : ITargetsBackend
{
    public List<TargetDefinition> Targets { get; } =
    [
        new("sandbox", "sandbox", "/data/sandbox/kubeconfig", null, false, "sandbox", true, TargetSource.Sandbox),
        new("prod", "prod", "/etc/kube/prod.yaml", "prod", false, "prod-cluster", true, TargetSource.Store),
    ];

    public List<TargetRequest> Created { get; } = [];

    public List<string> SavedUploads { get; } = [];

    public List<string?> DeletedUploads { get; } = [];

    public IReadOnlyList<string> Refuse { get; init; } = [];

    public int Tests { get; private set; }

    public Task<IReadOnlyList<TargetDefinition>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<TargetDefinition>>(Targets);

    public Task<ConnectionTestResult?> TestAsync(string targetId, CancellationToken cancellationToken)
    {
        Tests++;
        return Task.FromResult<ConnectionTestResult?>(new ConnectionTestResult(targetId, [new ConnectionCheck("kubernetes", true, "Kubernetes v1.32 answers.", null), new ConnectionCheck("iks", false, "No IBM Cloud API key is set.", "Set the target's API key.")]));
    }

    public Task<TargetChangeResult> CreateAsync(TargetRequest request, Actor actor, CancellationToken cancellationToken)
    {
        if (Refuse.Count > 0)
        {
            return Task.FromResult(new TargetChangeResult(null, Refuse));
        }

        Created.Add(request);
        var target = new TargetDefinition(request.Name, request.Name, request.KubeconfigPath, request.KubeContext, request.InCluster, request.IksClusterName, request.ApiKey is { Length: > 0 }, TargetSource.Store);
        Targets.Add(target);
        return Task.FromResult(new TargetChangeResult(target, []));
    }

    public List<TargetRequest> Updated { get; } = [];

    public Task<TargetChangeResult> UpdateAsync(string targetId, TargetRequest request, Actor actor, CancellationToken cancellationToken)
    {
        Updated.Add(request);
        var index = Targets.FindIndex(t => t.Id == targetId);
        var target = Targets[index] with { KubeconfigPath = request.KubeconfigPath, KubeContext = request.KubeContext, IksClusterName = request.IksClusterName, HasApiKey = request.ApiKey is null ? Targets[index].HasApiKey : request.ApiKey.Length > 0 };
        Targets[index] = target;
        return Task.FromResult(new TargetChangeResult(target, []));
    }

    public Task<bool> DeleteAsync(string targetId, Actor actor, CancellationToken cancellationToken) => throw new NotSupportedException();

    public KubeconfigInspection InspectUpload(byte[] content) => Inspection();

    public KubeconfigInspection InspectPath(string path) => Inspection();

    public Task<string> SaveUploadAsync(string targetName, byte[] content, CancellationToken cancellationToken)
    {
        var path = $"/data/kubeconfigs/{targetName}-{SavedUploads.Count + 1}.yaml";
        SavedUploads.Add(path);
        return Task.FromResult(path);
    }

    public void DeleteUpload(string? path) => DeletedUploads.Add(path);

    private static KubeconfigInspection Inspection() => new(
        [new KubeconfigContext("prod", "prod", "https://c1:30001", "admin", null, false), new KubeconfigContext("staging", "staging", "https://c2:30002", "sso", null, true)], "prod", null);
}
