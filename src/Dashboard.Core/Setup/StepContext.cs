using System.Text.Json.Nodes;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup.Ownership;
using Dashboard.Core.Targets;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Setup;

/// <summary>
/// What a step works with: the target's clients, the profile and parameters, the setup id, the facts discovered by
/// observation (shared by the steps of one execution), the ledger, and whether the user consented to take over
/// objects the dashboard does not own. Live objects read during a step are cached for that step only, so observe and
/// apply read each object once.
/// </summary>
public sealed class StepContext
{
    private readonly Dictionary<string, JsonObject?> _live = new(StringComparer.Ordinal);

    /// <summary>Creates a context.</summary>
    public StepContext(TargetClients clients, SetupProfile profile, SetupParameters parameters, string setupId, StepServices services, bool consent, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(services);
        Clients = clients;
        Cluster = new ClusterApi(clients.Kubernetes);
        Profile = profile;
        Parameters = parameters;
        SetupId = setupId;
        Services = services;
        Consent = consent;
        Logger = logger;
        Facts = new SetupFacts(this);
    }

    /// <summary>The target's clients.</summary>
    public TargetClients Clients { get; }

    /// <summary>The target's id: the key of its ledger entries, markers and leases.</summary>
    public string TargetId => Clients.Target.Id;

    /// <summary>Generic object access to the target's Kubernetes API.</summary>
    public ClusterApi Cluster { get; }

    /// <summary>The profile in force.</summary>
    public SetupProfile Profile { get; }

    /// <summary>The setup's parameters as saved (namespace, names, route prefix), already validated.</summary>
    public SetupParameters Parameters { get; }

    /// <summary>The setup id written onto created objects.</summary>
    public string SetupId { get; }

    /// <summary>The store-backed services (ledger, markers, private CA, options).</summary>
    public StepServices Services { get; }

    /// <summary>Whether the user consented to take over objects the dashboard does not own and to overwrite fields others manage.</summary>
    public bool Consent { get; }

    /// <summary>Where steps log, under the category <c>Dashboard.Core.Setup.Steps</c> (the run's scope names the target and the run).</summary>
    public ILogger Logger { get; }

    /// <summary>Facts discovered by observation.</summary>
    public SetupFacts Facts { get; }

    /// <summary>True while a plan is computed: nothing may be created (not even the private CA).</summary>
    public bool IsPlanning { get; set; }

    /// <summary>The step being executed (ledger entries name it).</summary>
    public string StepId { get; set; } = "";

    /// <summary>When the current step first started (step 8 times out from it).</summary>
    public DateTimeOffset? StepStartedAt { get; set; }

    /// <summary>How many times the current step was attempted before (step 8's back-off).</summary>
    public int StepAttempts { get; set; }

    /// <summary>The ownership ledger: what this setup created or changed, recorded before each write.</summary>
    public OwnershipLedger Ledger => Services.Ledger;

    /// <summary>Setup options.</summary>
    public SetupOptions Options => Services.Options;

    /// <summary>Forgets the objects read by the previous step.</summary>
    public void BeginStep(string stepId)
    {
        StepId = stepId;
        _live.Clear();
    }

    /// <summary>The live object, read once per step.</summary>
    public async Task<JsonObject?> GetLiveAsync(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var key = Key(kind, ns, name);
        if (_live.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var live = await Cluster.GetAsync(kind, ns, name, cancellationToken);
        _live[key] = live;
        return live;
    }

    /// <summary>Replaces the cached live object (after a write, with the API's answer).</summary>
    public void Remember(ResourceKind kind, string? ns, string name, JsonObject? live)
    {
        ArgumentNullException.ThrowIfNull(kind);
        _live[Key(kind, ns, name)] = live;
    }

    private static string Key(ResourceKind kind, string? ns, string name) => $"{kind.ApiVersion}/{kind.Kind}/{ns}/{name}";
}
