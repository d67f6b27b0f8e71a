using Dashboard.Sandbox.Iks.Catalog;

namespace Dashboard.Sandbox.Iks.State;

/// <summary>
/// All subdomains and their certificates: the API's mutations (IksRegistry.Mutations.cs), the lifecycle's work
/// (IksRegistry.Lifecycle.cs), and persistence. One lock guards everything; state is saved on every change.
/// </summary>
internal sealed partial class IksRegistry
{
    private readonly Lock _gate = new();
    private readonly List<IksRegistration> _registrations = [];
    private readonly Dictionary<string, int> _nextCounter = [];
    private readonly IksCatalog _catalog;
    private readonly IksStateStore _store;
    private readonly TimeProvider _time;
    private readonly SandboxIksOptions _options;

    public IksRegistry(IksCatalog catalog, IksStateStore store, TimeProvider time, SandboxIksOptions options, IksSimulatorWarnings warnings)
    {
        _catalog = catalog;
        _store = store;
        _time = time;
        _options = options;
        if (store.Load(warnings) is { } document)
        {
            // Registrations of clusters no longer configured are kept in the file but not served.
            _registrations.AddRange(document.Registrations);
            foreach (var (cluster, next) in document.NextCounter)
            {
                _nextCounter[cluster] = next;
            }
        }

        EnsureIngressSubdomains();
    }

    /// <summary>Raised after every change (outside the lock): the lifecycle re-plans, DNS refreshes.</summary>
    public event Action? Changed;

    /// <summary>Bumped on every change; DNS caches by it.</summary>
    public long Generation { get; private set; }

    public IReadOnlyList<RegistrationView> List(string clusterId)
    {
        lock (_gate)
        {
            return [.. _registrations.Where(r => r.ClusterId == clusterId && !r.Removed).OrderBy(r => r.Counter).Select(View)];
        }
    }

    public IReadOnlyList<RegistrationView> All()
    {
        lock (_gate)
        {
            return [.. _registrations.Where(r => !r.Removed && _catalog.Clusters.Any(c => c.Id == r.ClusterId)).Select(View)];
        }
    }

    public RegistrationView? Find(string clusterId, string host)
    {
        lock (_gate)
        {
            return FindLocked(clusterId, host) is { } r ? View(r) : null;
        }
    }

    /// <summary>The current certificate of a subdomain (tests and tools; never served by the API).</summary>
    public Certificates.IssuedLeaf? CertificateOf(string clusterId, string host)
    {
        lock (_gate)
        {
            return FindLocked(clusterId, host)?.Certificate;
        }
    }

    private IksRegistration? FindLocked(string clusterId, string host) =>
        _registrations.FirstOrDefault(r => r.ClusterId == clusterId && !r.Removed && string.Equals(r.Host, host, StringComparison.OrdinalIgnoreCase));

    private void EnsureIngressSubdomains()
    {
        lock (_gate)
        {
            // The ALB's addresses come from configuration, which may have changed since the state was saved.
            foreach (var ingress in _registrations.Where(r => r.Kind == RegistrationKind.Ingress))
            {
                if (_catalog.Clusters.FirstOrDefault(c => c.Id == ingress.ClusterId) is { } configured)
                {
                    ingress.Ips = configured.IsVpc ? [] : [.. configured.AlbIps.Select(ip => ip.ToString())];
                    ingress.LbHostname = configured.AlbHostname;
                }
            }

            foreach (var cluster in _catalog.Clusters.Where(c => !_registrations.Any(r => r.ClusterId == c.Id && r.Kind == RegistrationKind.Ingress)))
            {
                // Due at once: the first lifecycle pass (before the listener opens) issues it and writes its secret.
                _registrations.Add(new IksRegistration
                {
                    ClusterId = cluster.Id,
                    Host = IksHostNames.Subdomain(cluster.SubdomainName, _catalog.Account(cluster.AccountId).DnsHash, cluster.Region, 0, isPrivate: false),
                    Counter = 0,
                    Kind = RegistrationKind.Ingress,
                    Ips = cluster.IsVpc ? [] : [.. cluster.AlbIps.Select(ip => ip.ToString())],
                    LbHostname = cluster.AlbHostname,
                    MonitorState = IksUnconfirmed.IngressMonitorState,
                    StatusSince = _time.GetUtcNow() - _options.IssueDelay,
                });
            }

            SaveLocked();
        }
    }

    /// <summary>Runs <paramref name="change"/> under the lock, saves, and raises <see cref="Changed"/>.</summary>
    private T Mutate<T>(Func<T> change)
    {
        T result;
        lock (_gate)
        {
            result = change();
            SaveLocked();
        }

        Changed?.Invoke();
        return result;
    }

    private static void Touch(IksRegistration registration) => registration.Version++;

    private void SaveLocked()
    {
        Generation++;
        _store.Save(IksStateStore.Serialize(new IksStateDocument { Registrations = _registrations, NextCounter = _nextCounter }));
    }

    private static RegistrationView View(IksRegistration r) => new(
        r.ClusterId, r.Host, r.Kind, [.. r.Ips], r.LbHostname, r.Type, r.DnsType, r.SecretName, r.Status, r.SecretNamespace, r.MonitorState, r.Certificate?.Serial, r.Certificate?.NotAfter);
}

/// <summary>An immutable copy of a registration, for the API and DNS.</summary>
internal sealed record RegistrationView(
    string ClusterId,
    string Host,
    RegistrationKind Kind,
    IReadOnlyList<string> Ips,
    string? LbHostname,
    string Type,
    string DnsType,
    string SecretName,
    string Status,
    string SecretNamespace,
    string MonitorState,
    string? CertificateSerial,
    DateTimeOffset? CertificateNotAfter);
