using Dashboard.Core.Audit;
using Dashboard.Core.Ibm;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup;
using Dashboard.Core.Setup.Ownership;
using Dashboard.Core.Storage;
using Dashboard.Core.Targets;
using Dashboard.Sandbox.Kubernetes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Core.Tests.Setup;

/// <summary>
/// An object step validates everything it would write against the schemas before it sends anything: a generated
/// object that does not validate blocks the step with SETUP_SCHEMA_INVALID, and the Kubernetes API (the sandbox
/// simulator, counting what it serves) receives no request at all, not even for the valid objects listed before it.
/// </summary>
public sealed class ObjectStepSchemaTests : IAsyncLifetime
{
    private static readonly SetupProfile s_profile = new(IstioApi.Current, AlbFlavour.IngressNginx, ClientCertificateSource.PrivateCa, ClusterType.Classic)
    {
        Apis = new ServedApis("v1", "v1", "networking.k8s.io/v1", null),
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("schema-step-").FullName;
    private SandboxKubernetesServer _cluster = null!;
    private ServiceProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _cluster = new SandboxKubernetesServer(new SandboxKubernetesOptions { DataDirectory = _directory, PersistState = false, PodStartupDelay = TimeSpan.Zero });
        await _cluster.StartAsync(CancellationToken.None);
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddDashboardStore(new StorageOptions { DataDirectory = _directory }, _directory);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddDashboardSetup(new ConfigurationBuilder().Build());
        services.AddSingleton<ITargetSource>(new ClusterTarget(_cluster.KubeconfigPath));
        _provider = services.BuildServiceProvider();
        await using var db = await _provider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    [Fact]
    public async Task ObjectStep_GeneratedObjectInvalid_BlocksWithSchemaCodeBeforeAnyRequest()
    {
        var context = await ContextAsync();
        var step = new InvalidGatewayStep();
        var before = _cluster.Requests;

        var observation = await step.ObserveAsync(context, CancellationToken.None);
        var applied = await step.ApplyAsync(context, CancellationToken.None);
        var plan = await step.PlanAsync(context, CancellationToken.None);

        var after = _cluster.Requests;
        Assert.Equal(ObservationKind.Blocked, observation.Kind);
        Assert.Equal(SetupCodes.SchemaInvalid, observation.Code);
        Assert.Contains("Gateway istio-system/broken", observation.Summary, StringComparison.Ordinal);
        Assert.Contains("spec.servers[0].tls.mode", observation.Summary, StringComparison.Ordinal);
        Assert.Equal(OutcomeKind.Blocked, applied.Kind);
        Assert.Equal(SetupCodes.SchemaInvalid, applied.Code);
        Assert.Empty(applied.Changes);
        Assert.Empty(plan.Objects);
        Assert.Equal(SetupCodes.SchemaInvalid, plan.Observation.Code);

        // Nothing was read or written (the namespace listed first included), nothing recorded in the ledger.
        Assert.Equal((before.Get, before.List, before.Writes), (after.Get, after.List, after.Writes));
        Assert.Empty(await _provider.GetRequiredService<OwnershipLedger>().ListAsync(ClusterTarget.Id, CancellationToken.None));
        Assert.Null(await context.Cluster.GetAsync(ResourceKind.Namespace, null, "schema-check", CancellationToken.None));
    }

    [Fact]
    public async Task ObjectStep_SameObjectsValid_AreWritten()
    {
        // The control: with the one field fixed the same step writes both objects, so the block above is the validator's.
        var context = await ContextAsync();
        var before = _cluster.Requests;

        var applied = await new InvalidGatewayStep(tlsMode: "MUTUAL").ApplyAsync(context, CancellationToken.None);

        Assert.True(applied.Kind == OutcomeKind.Succeeded, applied.Summary);
        Assert.Equal(2, _cluster.Requests.Patch - before.Patch);
        Assert.NotNull(await context.Cluster.GetAsync(ResourceKind.Gateway("v1"), "istio-system", "broken", CancellationToken.None));
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<StepContext> ContextAsync()
    {
        var clients = await _provider.GetRequiredService<ITargetClients>().GetAsync(ClusterTarget.Id, CancellationToken.None);
        var context = new StepContext(clients!, s_profile, SetupParameters.Default, "schema0000ab", _provider.GetRequiredService<StepServices>(), consent: false, NullLogger.Instance);
        context.BeginStep("schema-check");
        return context;
    }

    /// <summary>A step writing a namespace and then a Gateway whose TLS mode is not one Istio knows.</summary>
    private sealed class InvalidGatewayStep(string tlsMode = "MUTUAL_TLS") : ObjectStep
    {
        public override string Id => "schema-check";

        public override string Title => "A step generating an invalid object";

        public override SetupStepGroup Group => SetupStepGroup.ConfigureTheGateway;

        protected override Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken)
        {
            var ns = SetupManifests.Namespace("schema-check", context.SetupId, preExisting: false);
            var (kind, gateway) = SetupManifests.Gateway(s_profile, SetupParameters.Default with { GatewayName = "broken" }, context.SetupId, ["gw.example"], "gw-credential", "unused");
            gateway["spec"]!["servers"]![0]!["tls"]!["mode"] = tlsMode;
            return Task.FromResult<IReadOnlyList<DesiredObject>>([new DesiredObject(ResourceKind.Namespace, ns), new DesiredObject(kind, gateway)]);
        }
    }

    /// <summary>The simulator's cluster as a target (no IKS).</summary>
    private sealed class ClusterTarget(string kubeconfig) : ITargetSource
    {
        public const string Id = "schema";

        public IReadOnlyList<ResolvedTarget> Targets =>
            [new(new TargetDefinition(Id, Id, kubeconfig, null, false, null, false, TargetSource.Configuration), new TargetConnectionSettings())];
    }
}
