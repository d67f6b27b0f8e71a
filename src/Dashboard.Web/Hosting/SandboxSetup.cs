using Dashboard.Core.Storage;
using Dashboard.Core.Targets;
using Dashboard.Sandbox;

namespace Dashboard.Web.Hosting;

internal static class SandboxSetup
{
    /// <summary>
    /// The embedded sandbox when <c>Sandbox:Mode</c> says so (Auto: when no <c>Targets:*</c> are configured), and the
    /// <c>sandbox</c> target pointing at it.
    /// </summary>
    public static WebApplicationBuilder AddDashboardSandboxWhenEnabled(this WebApplicationBuilder builder)
    {
        if (!SandboxHostOptions.IsEnabled(builder.Configuration))
        {
            return builder;
        }

        var dataDirectory = builder.BindStorageOptions().ResolveDataDirectory(builder.Environment.ContentRootPath);
        builder.Services.AddDashboardSandbox(builder.Configuration, dataDirectory);
        builder.Services.AddSingleton<ITargetSource, SandboxTargetSource>();
        return builder;
    }

    /// <summary>
    /// The <c>sandbox</c> target: the simulator's kubeconfig, IKS cluster <c>sandbox</c>, the simulator's API key and URLs,
    /// ISRG roots plus the sandbox root, the sandbox clock (certificates it issues after a clock jump are valid only in
    /// sandbox time), and the data plane's host map for probes.
    /// </summary>
    private sealed class SandboxTargetSource(SandboxEnvironment sandbox) : ITargetSource
    {
        public const string Name = "sandbox";

        public IReadOnlyList<ResolvedTarget> Targets
        {
            get
            {
                if (!sandbox.Ready.IsCompletedSuccessfully)
                {
                    // Listed before the sandbox has started (its URLs are not known yet); users wait on first use.
                    return [new ResolvedTarget(Definition(sandbox.Kubernetes?.KubeconfigPath), new TargetConnectionSettings { WaitUntilReady = WaitAsync })];
                }

                return [new ResolvedTarget(Definition(sandbox.KubeconfigPath), new TargetConnectionSettings
                {
                    ApiKey = sandbox.ApiKey,
                    IksApiBaseUrl = sandbox.Iks.BaseAddress,
                    IamTokenUrl = sandbox.Iks.IamTokenUrl,
                    ExtraTrustedRootsPem = sandbox.RootCertificatePem,
                    Clock = sandbox.Clock,
                    ResolveEndpoint = sandbox.Resolve,
                    WaitUntilReady = WaitAsync,
                })];
            }
        }

        private static TargetDefinition Definition(string? kubeconfig) =>
            new(Name, Name, kubeconfig, null, false, SandboxEnvironment.IksCluster, true, TargetSource.Sandbox);

        private Task WaitAsync(CancellationToken cancellationToken) => sandbox.Ready.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
    }
}
