using System.Globalization;
using Dashboard.Sandbox.Kubernetes.Storage;
using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.Kubernetes.Persistence;

/// <summary>
/// Keeps the state file in step with the store: changes mark the state dirty, a background writer saves it after
/// the debounce delay (coalescing bursts), and stopping saves whatever is pending. A file that cannot be loaded is
/// moved aside to <c>*.damaged-&lt;timestamp&gt;[-n]</c> and reported, never silently replaced.
/// </summary>
internal sealed class StatePersistence(string path, ClusterFlavour flavour, ObjectStore store, TimeProvider time, TimeSpan debounce, ILogger logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _writeLock = new();
    private Task? _writer;
    private long _dirtyVersion;
    private long _savedVersion;

    public string Path => path;

    /// <summary>
    /// Loads the saved state into the store. Returns false when there is none to use: no file, or a file that could
    /// not be loaded for any reason (not JSON, incomplete, wrong types, unreadable), which is then moved aside under a
    /// name no other file has, logged once and described in <paramref name="warning"/>; the store is left empty for
    /// the caller to preload. Throws only when a damaged file cannot be moved aside (it would be overwritten later).
    /// </summary>
    public bool TryLoad(out string? warning)
    {
        warning = null;
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            var (objects, resourceVersion) = StateFile.Read(path, flavour);
            store.ReplaceAll(objects, resourceVersion);
            _savedVersion = resourceVersion;
            return true;
        }
        catch (Exception e)
        {
            var aside = SetAside(e);
            warning = $"The sandbox cluster state file {path} was damaged and could not be loaded ({e.Message}); it was moved to {aside} and the cluster was preloaded afresh.";
            SandboxKubernetesLog.StateDamaged(logger, e, path, aside);
            return false;
        }
    }

    /// <summary>Moves the damaged file to <c>*.damaged-&lt;timestamp&gt;[-n]</c>, never over an earlier one.</summary>
    private string SetAside(Exception problem)
    {
        var stem = path + ".damaged-" + time.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        for (var n = 1; ; n++)
        {
            var aside = n == 1 ? stem : stem + "-" + n.ToString(CultureInfo.InvariantCulture);
            if (File.Exists(aside))
            {
                continue;
            }

            try
            {
                File.Move(path, aside, overwrite: false);
                return aside;
            }
            catch (IOException) when (File.Exists(aside) && File.Exists(path))
            {
                // Another file took that name in the meantime: try the next one.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException(
                    $"The sandbox cluster state file {path} is damaged ({problem.Message}) and could not be moved aside ({e.Message}); move or delete it, then start again.", e);
            }
        }
    }

    public void Start()
    {
        store.Committed += OnChanged;
        store.Replaced += OnReplaced;
        _writer = Task.Run(RunAsync);
    }

    /// <summary>Writes the current state now if it changed since the last write.</summary>
    public void Flush()
    {
        lock (_writeLock)
        {
            var (objects, resourceVersion) = store.Snapshot();
            if (resourceVersion == _savedVersion && Interlocked.Read(ref _dirtyVersion) <= _savedVersion)
            {
                return;
            }

            StateFile.Write(path, flavour, objects, resourceVersion);
            _savedVersion = Math.Max(resourceVersion, Interlocked.Read(ref _dirtyVersion));
        }
    }

    public async ValueTask DisposeAsync()
    {
        store.Committed -= OnChanged;
        store.Replaced -= OnReplaced;
        await _stop.CancelAsync();
        if (_writer is not null)
        {
            await _writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        Flush();
        _stop.Dispose();
        _signal.Dispose();
    }

    private void OnChanged(StoreChange change) => MarkDirty(change.ResourceVersion);

    private void OnReplaced(long resourceVersion) => MarkDirty(resourceVersion + 1);

    private void MarkDirty(long version)
    {
        Interlocked.Exchange(ref _dirtyVersion, version);
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(_stop.Token);
                await Task.Delay(debounce, time, _stop.Token);
                Flush();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (IOException e)
            {
                SandboxKubernetesLog.StateSaveFailed(logger, e, path);
            }
        }
    }
}
