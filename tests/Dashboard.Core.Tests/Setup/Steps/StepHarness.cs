using Dashboard.Core.Audit;
using Dashboard.Core.Setup;
using Dashboard.Core.Setup.Steps;
using Dashboard.Core.Storage;
using Dashboard.Core.Targets;
using Dashboard.Sandbox;
using Dashboard.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Core.Tests.Setup.Steps;

/// <summary>
/// One step at a time against the sandbox (its Kubernetes API simulator, IKS simulator and data plane, started in
/// process on loopback), without the web app or the run engine: a test brings the cluster to the state before its
/// step with <see cref="ApplyThroughAsync"/>, then drives its step alone through a fresh <see cref="StepContext"/>.
/// </summary>
public sealed class StepHarness : IAsyncLifetime
{
    public const string TargetId = "sandbox";

    private readonly string _directory = Directory.CreateTempSubdirectory("step-harness-").FullName;
    private ServiceProvider _provider = null!;
    private IReadOnlyList<IHostedService> _hosted = [];

    public SandboxEnvironment Sandbox => _provider.GetRequiredService<SandboxEnvironment>();

    public IServiceProvider Services => _provider;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sandbox:Kubernetes:PodStartupDelay"] = "00:00:00.05",
            ["Sandbox:Kubernetes:PersistState"] = "false",
            ["Sandbox:Iks:IssueDelay"] = "00:00:00.1",
            ["Setup:RolloutPollInterval"] = "00:00:00.05",
            ["Setup:VerifyRetryInterval"] = "00:00:00.2",
            ["Setup:VerifyTimeout"] = "00:00:30",
            ["Ibm:RetryBaseDelay"] = "00:00:00.05",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddDashboardStore(new StorageOptions { DataDirectory = _directory }, _directory);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddDashboardSandbox(configuration, _directory);
        services.AddDashboardSetup(configuration);
        services.AddSingleton<ITargetSource, SandboxTarget>();
        // Only the sandbox's own hosted service: the setup's run resumer needs Hangfire, which these tests do without.
        var sandboxHosted = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == typeof(SandboxEnvironment).Assembly)
            .Select(d => d.ImplementationType!).ToList();
        _provider = services.BuildServiceProvider();
        await using (var db = await _provider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        _hosted = [.. sandboxHosted.Select(t => (IHostedService)ActivatorUtilities.CreateInstance(_provider, t))];
        foreach (var hosted in _hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        await Sandbox.Ready.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>A fresh context on the sandbox target (the profile detected), at the start of <paramref name="stepId"/>; other parameters than the saved ones when given.</summary>
    public async Task<StepContext> ContextAsync(string stepId, SetupParameters? parameters = null, bool consent = false)
    {
        var session = await _provider.GetRequiredService<SetupService>().OpenAsync(TargetId, consent, CancellationToken.None)
            ?? throw new InvalidOperationException("The sandbox target is missing.");
        var context = parameters is null ? session.Context
            : new StepContext(session.Context.Clients, session.Context.Profile, parameters, session.Context.SetupId, session.Context.Services, consent, session.Context.Logger);
        context.BeginStep(stepId);
        return context;
    }

    /// <summary>Writes the sandbox Kubernetes API has served so far.</summary>
    public long Writes => Sandbox.Kubernetes!.Requests.Writes;

    /// <summary>Applies and verifies every step before <paramref name="stepId"/> (waiting for step 8's certificate), as a run would.</summary>
    public async Task ApplyThroughAsync(string stepId)
    {
        foreach (var step in SetupSteps.All.TakeWhile(s => s.Id != stepId))
        {
            var context = await ContextAsync(step.Id);
            if (!step.AppliesTo(context.Profile))
            {
                continue;
            }

            await Poll.UntilAsync(
                async () =>
                {
                    var fresh = await ContextAsync(step.Id);
                    var applied = await step.ApplyAsync(fresh, CancellationToken.None);
                    return applied.Kind == OutcomeKind.Succeeded ? await step.VerifyAsync(fresh, CancellationToken.None) : applied;
                },
                outcome => outcome.Kind == OutcomeKind.Succeeded,
                $"step {step.Number} ({step.Id}) to succeed",
                TimeSpan.FromSeconds(60));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var hosted in _hosted.Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The sandbox as a target, the way the web app's sandbox target is defined.</summary>
    private sealed class SandboxTarget(SandboxEnvironment sandbox) : ITargetSource
    {
        public IReadOnlyList<ResolvedTarget> Targets =>
        [
            new(new TargetDefinition(TargetId, TargetId, sandbox.Ready.IsCompletedSuccessfully ? sandbox.KubeconfigPath : null, null, false, SandboxEnvironment.IksCluster, true, TargetSource.Sandbox),
                new TargetConnectionSettings
                {
                    ApiKey = sandbox.ApiKey,
                    IksApiBaseUrl = sandbox.Iks.BaseAddress,
                    IamTokenUrl = sandbox.Iks.IamTokenUrl,
                    ExtraTrustedRootsPem = sandbox.RootCertificatePem,
                    Clock = sandbox.Clock,
                    ResolveEndpoint = sandbox.Resolve,
                }),
        ];
    }
}
