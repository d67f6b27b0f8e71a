using Dashboard.Sandbox.Clock;
using Dashboard.Sandbox.Iks.Certificates;
using Dashboard.Sandbox.Iks.State;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;
using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.Iks.Lifecycle;

/// <summary>
/// IKS's asynchronous side: issues certificates once a registration has been <c>creating</c> for the issue delay,
/// writes them into the bound cluster (staying <c>creating</c> while the secret namespace does not exist), renews them
/// before expiry, and deletes secrets of deleted or removed subdomains. One background loop runs passes; a timer from
/// the <see cref="TimeProvider"/> wakes it when the next work falls due, and a <see cref="SandboxClock"/> jump
/// wakes it at once.
/// </summary>
internal sealed class CertificateLifecycle(
    IksRegistry registry,
    SandboxCertificateAuthority authority,
    ClusterSecretWriter writer,
    SandboxIksOptions options,
    SandboxIksFaultInjector faults,
    TimeProvider time,
    ILogger logger) : IAsyncDisposable
{
    private const int MaxRoundsPerPass = 5;
    private static readonly TimeSpan s_maxWait = TimeSpan.FromDays(1);
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly SemaphoreSlim _passLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private ITimer? _timer;
    private Task? _loop;
    private long _passes;

    /// <summary>Completed passes (tests wait for one to finish after a change).</summary>
    public long Passes => Interlocked.Read(ref _passes);

    public void Start()
    {
        _timer = time.CreateTimer(_ => Kick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        registry.Changed += Kick;
        faults.Changed += Kick;
        if (time is SandboxClock clock)
        {
            clock.Advanced += OnAdvanced;
        }

        _loop = Task.Run(RunAsync);
    }

    public void Kick()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // A pass is already requested.
        }
        catch (ObjectDisposedException)
        {
            // Stopping.
        }
    }

    /// <summary>Runs one pass now (start-up runs one before the listener opens).</summary>
    public async Task RunPassAsync(CancellationToken cancellationToken)
    {
        await _passLock.WaitAsync(cancellationToken);
        try
        {
            DateTimeOffset? next = null;
            for (var round = 0; round < MaxRoundsPerPass; round++)
            {
                (var due, next) = registry.Plan(time.GetUtcNow(), faults.Current.StuckCreating);
                if (due.Count == 0)
                {
                    break;
                }

                foreach (var item in due)
                {
                    await ExecuteAsync(item, cancellationToken);
                }

                (_, next) = registry.Plan(time.GetUtcNow(), faults.Current.StuckCreating);
            }

            Arm(next);
            Interlocked.Increment(ref _passes);
        }
        finally
        {
            _passLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        registry.Changed -= Kick;
        faults.Changed -= Kick;
        if (time is SandboxClock clock)
        {
            clock.Advanced -= OnAdvanced;
        }

        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _timer?.Dispose();
        _stop.Dispose();
        _signal.Dispose();
        _passLock.Dispose();
    }

    private void OnAdvanced(object? sender, TimeSpan offset) => Kick();

    private void Arm(DateTimeOffset? next)
    {
        if (next is not { } at)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        // Timers cannot wait beyond ~49 days (renewals are ~53 days out): wake daily at most and plan again.
        var wait = at - time.GetUtcNow();
        _timer?.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : (wait > s_maxWait ? s_maxWait : wait), Timeout.InfiniteTimeSpan);
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(_stop.Token);
                await RunPassAsync(_stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The IKS simulator's certificate lifecycle pass failed; it runs again on the next change or timer");
                Arm(time.GetUtcNow() + options.RetryInterval);
            }
        }
    }

    private async Task ExecuteAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var client = item.Cluster.Bound ? writer.Client() : null;
        if (item.Cluster.Bound && client is null && item.Action != WorkAction.Drop)
        {
            logger.LogWarning("Cluster {Cluster} is bound to Kubernetes but no usable kubeconfig is set ({Path}); {Host} waits", item.Cluster.Name, writer.KubeconfigPath, item.Host);
            registry.Postpone(item, time.GetUtcNow() + options.RetryInterval);
            return;
        }

        try
        {
            switch (item.Action)
            {
                case WorkAction.Issue or WorkAction.Renew:
                    await IssueAsync(item, client, cancellationToken);
                    break;
                case WorkAction.Verify:
                    var present = await ClusterSecretWriter.ReadAsync(client!, item.SecretNamespace, item.SecretName, cancellationToken);
                    if (present is null && item.Current is { } current && await ClusterSecretWriter.NamespaceExistsAsync(client!, item.SecretNamespace, cancellationToken))
                    {
                        await ClusterSecretWriter.WriteAsync(client!, item.SecretNamespace, item.SecretName, current, cancellationToken);
                        logger.LogInformation("Restored the missing IKS secret {Namespace}/{SecretName} in cluster {Cluster}", item.SecretNamespace, item.SecretName, item.Cluster.Name);
                        present = new k8s.Models.V1Secret();
                    }

                    registry.Verified(item, present is null ? null : item.Current?.Serial);
                    break;
                case WorkAction.DeleteSecret:
                    await ClusterSecretWriter.DeleteAsync(client!, item.SecretNamespace, item.SecretName, cancellationToken);
                    logger.LogInformation("Deleted the IKS secret {Namespace}/{SecretName} of {Host}", item.SecretNamespace, item.SecretName, item.Host);
                    registry.SecretDeleted(item);
                    break;
                default:
                    registry.Dropped(item);
                    break;
            }
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException or KubeConfigException or ObjectDisposedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not {Action} the secret of {Host} in cluster {Cluster} ({Problem}); retrying in {Interval}", item.Action, item.Host, item.Cluster.Name, e.Message, options.RetryInterval);
            registry.Postpone(item, time.GetUtcNow() + options.RetryInterval);
        }
    }

    private async Task IssueAsync(WorkItem item, IKubernetes? client, CancellationToken cancellationToken)
    {
        if (client is not null && !await ClusterSecretWriter.NamespaceExistsAsync(client, item.SecretNamespace, cancellationToken))
        {
            // As on IKS: the status stays creating until the namespace exists.
            logger.LogInformation("Namespace {Namespace} does not exist in cluster {Cluster}; the certificate of {Host} waits for it", item.SecretNamespace, item.Cluster.Name, item.Host);
            registry.Postpone(item, time.GetUtcNow() + options.RetryInterval);
            return;
        }

        var leaf = authority.Issue(item.Host, options.IssueClientAuth, options.LeafKeyType, options.CertificateLifetime);
        if (client is not null)
        {
            await ClusterSecretWriter.WriteAsync(client, item.SecretNamespace, item.SecretName, leaf, cancellationToken);
        }

        registry.Issued(item, leaf, written: client is not null);
        var action = item.Action == WorkAction.Renew ? "Renewed" : "Issued";
        if (client is null)
        {
            logger.LogInformation("{Action} the certificate of {Host} (serial {Serial}, until {NotAfter}); its cluster is not bound to Kubernetes, so no secret was written", action, item.Host, leaf.Serial, leaf.NotAfter);
        }
        else
        {
            logger.LogInformation("{Action} the certificate of {Host} (serial {Serial}, until {NotAfter}) into {Namespace}/{SecretName}", action, item.Host, leaf.Serial, leaf.NotAfter, item.SecretNamespace, item.SecretName);
        }
    }
}
