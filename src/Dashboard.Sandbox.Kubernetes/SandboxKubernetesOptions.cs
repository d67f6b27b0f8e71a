namespace Dashboard.Sandbox.Kubernetes;

/// <summary>Configuration of the embedded Kubernetes API server (configuration section <c>Sandbox:Kubernetes</c>).</summary>
public sealed class SandboxKubernetesOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Sandbox:Kubernetes";

    /// <summary>
    /// Where state, TLS material, the token and the kubeconfig live; files go under <c>&lt;DataDirectory&gt;/sandbox</c>.
    /// Required.
    /// </summary>
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>The simulated cluster generation.</summary>
    public ClusterFlavour Flavour { get; set; } = ClusterFlavour.Current;

    /// <summary>Loopback address to listen on.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one at each start (the kubeconfig is rewritten with the actual port).</summary>
    public int Port { get; set; }

    /// <summary>
    /// The external IP the istio-ingressgateway LoadBalancer Service reports in <c>status.loadBalancer.ingress[0].ip</c>;
    /// null or empty leaves the status empty, as while a cloud load balancer is still being provisioned.
    /// </summary>
    public string? GatewayExternalIp { get; set; } = "169.46.52.10";

    /// <summary>
    /// A VPC cluster's gateway: the load balancer host name the istio-ingressgateway Service reports in
    /// <c>status.loadBalancer.ingress[0].hostname</c> (VPC load balancers have a host name, not a fixed IP). When set,
    /// it is reported instead of <see cref="GatewayExternalIp"/>.
    /// </summary>
    public string? GatewayExternalHostname { get; set; }

    /// <summary>How long a new pod stays Pending/ContainerCreating before it runs and is ready (0 = at once).</summary>
    public TimeSpan PodStartupDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a pod marked for deletion lingers (Terminating) before it disappears (0 = at once).</summary>
    public TimeSpan PodTerminationDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long a Terminating namespace waits before its contents are deleted (0 = at once).</summary>
    public TimeSpan NamespaceFinalizeDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Delay before state changes are written to disk; writes in that window are coalesced.</summary>
    public TimeSpan PersistenceDebounce { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Whether state is kept in <c>&lt;DataDirectory&gt;/sandbox</c> across restarts (false: in memory only).</summary>
    public bool PersistState { get; set; } = true;

    /// <summary>Watch events kept per resource for resuming watches; older resourceVersions get 410 Expired.</summary>
    public int WatchHistoryCapacity { get; set; } = 2048;

    /// <summary>Events a single watcher may fall behind by before the server closes its watch (as the real server does).</summary>
    public int WatchQueueCapacity { get; set; } = 100_000;

    /// <summary>Interval of BOOKMARK events for watches that ask for them.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromMinutes(1);
}
