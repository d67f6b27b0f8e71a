using System.Collections.Concurrent;
using System.Net;
using Dashboard.Certificates.Trust;
using Dashboard.Certificates.Validation;
using Dashboard.Core.Ibm;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Probes;
using k8s;
using k8s.Exceptions;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Targets;

/// <summary>Everything needed to talk to one target: its Kubernetes API, IKS, the clock and trust its certificates are judged by, the probe.</summary>
public sealed class TargetClients : IDisposable
{
    internal TargetClients(ResolvedTarget target, IKubernetes kubernetes, IIksClient? iks, IbmCredential? credential, TimeProvider clock, TrustStore trust, IMtlsProbe probe)
    {
        Target = target.Definition;
        Connection = target.Connection;
        Kubernetes = kubernetes;
        Iks = iks;
        Credential = credential;
        Clock = clock;
        TrustStore = trust;
        Validator = new CredentialValidator(clock, trust);
        Probe = probe;
    }

    /// <summary>The target these clients were built for (they are rebuilt when it changes).</summary>
    public TargetDefinition Target { get; }

    /// <summary>The target's connection settings.</summary>
    public TargetConnectionSettings Connection { get; }

    /// <summary>The Kubernetes API (KubernetesClient), counting requests per setup step.</summary>
    public IKubernetes Kubernetes { get; }

    /// <summary>The IKS client, or null when no API key or cluster is set.</summary>
    public IIksClient? Iks { get; }

    /// <summary>The IBM Cloud credential, or null.</summary>
    public IbmCredential? Credential { get; }

    /// <summary>The IKS cluster name.</summary>
    public string? IksCluster => Target.IksClusterName;

    /// <summary>The clock certificates of this target are judged by.</summary>
    public TimeProvider Clock { get; }

    /// <summary>ISRG Root X1/X2, plus the sandbox root for the sandbox target.</summary>
    public TrustStore TrustStore { get; }

    /// <summary>Validator on <see cref="Clock"/> and <see cref="TrustStore"/>.</summary>
    public CredentialValidator Validator { get; }

    /// <summary>The mTLS probe on <see cref="Clock"/>.</summary>
    public IMtlsProbe Probe { get; }

    /// <summary>Where <paramref name="host"/>:<paramref name="port"/> really listens, for the probe; empty to resolve through DNS.</summary>
    public IReadOnlyDictionary<string, EndPoint> EndpointsFor(string host, int port = 443) =>
        Connection.ResolveEndpoint?.Invoke(host, port) is { } endpoint
            ? new Dictionary<string, EndPoint>(StringComparer.OrdinalIgnoreCase) { [host] = endpoint }
            : new Dictionary<string, EndPoint>();

    /// <inheritdoc />
    public void Dispose() => Kubernetes.Dispose();
}

/// <summary>Per-target clients, built from the target's kubeconfig and credential, cached until the target changes.</summary>
public interface ITargetClients
{
    /// <summary>The clients of target <paramref name="targetId"/>; null when no such target exists.</summary>
    /// <exception cref="ClusterUnavailableException">The target's kubeconfig cannot be used (missing file, unknown context, not a kubeconfig).</exception>
    Task<TargetClients?> GetAsync(string targetId, CancellationToken cancellationToken);
}

/// <summary>Builds and caches <see cref="TargetClients"/>.</summary>
internal sealed class TargetClientCache : ITargetClients, IDisposable
{
    private readonly TargetService _targets;
    private readonly TargetIbmClients _ibm;
    private readonly ILoggerFactory _loggers;
    private readonly ConcurrentDictionary<string, (string Fingerprint, TargetClients Clients)> _cache = new(StringComparer.Ordinal);

    public TargetClientCache(TargetService targets, TargetIbmClients ibm, TargetChangeSignal changes, ILoggerFactory loggers)
    {
        _targets = targets;
        _ibm = ibm;
        _loggers = loggers;
        changes.Changed += Forget;
    }

    public async Task<TargetClients?> GetAsync(string targetId, CancellationToken cancellationToken)
    {
        var target = await _targets.ResolveAsync(targetId, cancellationToken);
        if (target is null)
        {
            return null;
        }

        if (target.Connection.WaitUntilReady is { } ready)
        {
            await ready(cancellationToken);
            target = await _targets.ResolveAsync(targetId, cancellationToken) ?? target;
        }

        // The sandbox rewrites its kubeconfig (new port) at every start: the file's stamp is part of the key.
        var stamp = target.Definition.KubeconfigPath is { } path && File.Exists(path) ? File.GetLastWriteTimeUtc(path).Ticks : 0;
        var fingerprint = $"{target.Definition}|{target.Connection.IksApiBaseUrl}|{target.Connection.IamTokenUrl}|{stamp}|{target.Connection.ApiKey?.GetHashCode(StringComparison.Ordinal)}";
        if (_cache.TryGetValue(targetId, out var cached) && cached.Fingerprint == fingerprint)
        {
            return cached.Clients;
        }

        var clients = Build(target);
        _cache[targetId] = (fingerprint, clients);
        if (cached.Clients is not null)
        {
            // Not disposed at once: a step may still be using it; its HttpClient is released with the process.
            TargetsLog.ClientsRebuilt(_loggers.CreateLogger<TargetClientCache>(), targetId);
        }

        return clients;
    }

    public void Forget(string targetId) => _cache.TryRemove(targetId, out _);

    public void Dispose()
    {
        foreach (var entry in _cache.Values)
        {
            entry.Clients.Dispose();
        }
    }

    // A kubeconfig can change after the target was validated (rewritten by 'ibmcloud ks cluster config', deleted,
    // edited by hand): what is wrong with it now is said in words, with the fix, instead of the client library's exception.
    private static KubernetesClientConfiguration Configuration(TargetDefinition definition)
    {
        const string fix = "correct the target, then test its connection";
        if (definition.InCluster)
        {
            try
            {
                return KubernetesClientConfiguration.InClusterConfig();
            }
            catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException)
            {
                throw new ClusterUnavailableException(definition.Id, ClusterProblem.Settings, $"Target '{definition.Id}' uses the in-cluster service account, but the dashboard does not run in a Kubernetes pod with one (no service account token): run it in the cluster, or give the target a kubeconfig; {fix}.", e);
            }
        }

        var path = definition.KubeconfigPath ?? "~/.kube/config";
        if (definition.KubeconfigPath is { } file && !File.Exists(file))
        {
            throw new ClusterUnavailableException(definition.Id, ClusterProblem.Settings, $"The kubeconfig '{path}' of target '{definition.Id}' does not exist on the dashboard's host: upload the kubeconfig again or give the path of one the dashboard can read; {fix}.");
        }

        try
        {
            var kubeconfig = definition.KubeconfigPath is { } existing
                ? KubernetesClientConfiguration.LoadKubeConfig(existing)
                : KubernetesClientConfiguration.LoadKubeConfig();
            if (definition.KubeContext is { Length: > 0 } context && kubeconfig.Contexts?.Any(c => c.Name == context) != true)
            {
                var known = kubeconfig.Contexts?.Select(c => c.Name).ToList() ?? [];
                throw new ClusterUnavailableException(definition.Id, ClusterProblem.Settings, $"The kubeconfig '{path}' of target '{definition.Id}' has no context '{context}' (it has: {(known.Count == 0 ? "none" : string.Join(", ", known))}): choose one of its contexts, or upload the kubeconfig that has it; {fix}.");
            }

            return KubernetesClientConfiguration.BuildConfigFromConfigObject(kubeconfig, definition.KubeContext);
        }
        catch (Exception e) when (e is not (ClusterUnavailableException or OperationCanceledException or OutOfMemoryException))
        {
            // Only the exception's type, and no inner exception: a parser's message may quote the file, which holds credentials.
            throw new ClusterUnavailableException(definition.Id, ClusterProblem.Settings, $"The kubeconfig '{path}' of target '{definition.Id}' cannot be used ({e.GetType().Name}); check it with 'kubectl --kubeconfig {path} config view', then {fix}.");
        }
    }

    private TargetClients Build(ResolvedTarget target)
    {
        var definition = target.Definition;
        var config = Configuration(definition);
        config.HttpClientTimeout = TimeSpan.FromSeconds(30);
        var kubernetes = new k8s.Kubernetes(config, new CountingHandler(kubernetes: true));
        var clock = target.Connection.Clock ?? TimeProvider.System;
        var trust = target.Connection.ExtraTrustedRootsPem is { Length: > 0 } extra ? TrustStore.Default.WithPem(extra) : TrustStore.Default;
        IbmCredential? credential = target.Connection.ApiKey is { Length: > 0 } key ? IbmCredential.FromApiKey(key) : null;
        var iks = credential is not null && definition.IksClusterName is not null ? _ibm.For(target.Connection, clock) : null;
        var probe = new MtlsProbe(clock, _loggers.CreateLogger<MtlsProbe>());
        return new TargetClients(target, kubernetes, iks, credential, clock, trust, probe);
    }
}
