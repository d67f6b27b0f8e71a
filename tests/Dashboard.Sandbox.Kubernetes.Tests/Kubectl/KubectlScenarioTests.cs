using System.Diagnostics;
using Dashboard.Sandbox.Kubernetes.Tests.Infrastructure;
using Dashboard.Testing;
using k8s;

namespace Dashboard.Sandbox.Kubernetes.Tests.Kubectl;

/// <summary>kubectl (whatever version is installed: 1.32 here, Debian's 1.20 in CI images without it) against the cluster.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class KubectlScenarioTests(ClusterFixture cluster) : IAsyncLifetime
{
    private readonly IKubernetes _client = cluster.CreateClient();
    private readonly string _cacheDir = Directory.CreateTempSubdirectory("kubectl-cache-").FullName;
    private TestNamespace _ns = null!;

    public async Task InitializeAsync() => _ns = await TestNamespace.CreateAsync(_client, "conf-kubectl");

    public async Task DisposeAsync()
    {
        await _ns.DisposeAsync();
        Directory.Delete(_cacheDir, recursive: true);
    }

    [Fact]
    public async Task Kubectl_CreateGetLabelPatchDescribeDelete_Work()
    {
        var manifest = Path.Combine(_cacheDir, "cm.yaml");
        await File.WriteAllTextAsync(manifest, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-kubectl\ndata:\n  greeting: hello\n");
        var create = await RunAsync("create", "-f", manifest, "-n", _ns.Name);
        Assert.Contains("configmap/from-kubectl created", create);

        var get = await RunAsync("get", "configmaps", "-n", _ns.Name);
        Assert.Contains("NAME", get);
        Assert.Contains("DATA", get);
        Assert.Contains("from-kubectl", get);

        Assert.Contains("labeled", await RunAsync("label", "configmap", "from-kubectl", "tier=web", "-n", _ns.Name));
        Assert.Contains("patched", await RunAsync("patch", "configmap", "from-kubectl", "--type=merge", "-p", "{\"data\":{\"greeting\":\"hi\"}}", "-n", _ns.Name));
        var json = await RunAsync("get", "configmap", "from-kubectl", "-n", _ns.Name, "-o", "jsonpath={.metadata.labels.tier}/{.data.greeting}");
        Assert.Equal("web/hi", json.Trim());

        var describe = await RunAsync("describe", "configmap", "from-kubectl", "-n", _ns.Name);
        Assert.Contains("tier=web", describe);

        Assert.Contains("deleted", await RunAsync("delete", "configmap", "from-kubectl", "-n", _ns.Name));
        var missing = await RunAsync(expectFailure: true, "get", "configmap", "from-kubectl", "-n", _ns.Name);
        Assert.Contains("NotFound", missing);
    }

    [Fact]
    public async Task Kubectl_ImperativeCreates_SendProtobufAndWork()
    {
        var ns = TestNamespace.UniqueName("conf-imperative");
        var file = Path.Combine(_cacheDir, "ca.pem");
        await File.WriteAllTextAsync(file, "not really a certificate\n");
        try
        {
            Assert.Contains("created", await RunAsync("create", "namespace", ns));
            Assert.Contains("created", await RunAsync("create", "secret", "generic", "from-file", "-n", ns, "--from-file=ca.crt=" + file, "--from-literal=mode=strict"));
            Assert.Contains("created", await RunAsync("create", "configmap", "settings", "-n", ns, "--from-literal=a=b"));
            Assert.Contains("created", await RunAsync("create", "serviceaccount", "robot", "-n", ns));
            var secret = await _client.CoreV1.ReadNamespacedSecretAsync("from-file", ns);
            Assert.Equal("Opaque", secret.Type);
            Assert.Equal("not really a certificate\n", System.Text.Encoding.UTF8.GetString(secret.Data["ca.crt"]));
            Assert.Equal("strict", System.Text.Encoding.UTF8.GetString(secret.Data["mode"]));
            Assert.Equal("b", (await _client.CoreV1.ReadNamespacedConfigMapAsync("settings", ns)).Data["a"]);
            Assert.NotNull(await _client.CoreV1.ReadNamespacedServiceAccountAsync("robot", ns));
        }
        finally
        {
            await RunAsync("delete", "namespace", ns, "--wait=false");
        }
    }

    [Fact]
    public async Task Kubectl_GetPodsAndDescribe_ShowStatusColumnsAndEvents()
    {
        await _client.CoreV1.CreateNamespacedPodAsync(new k8s.Models.V1Pod
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = "describe-me" },
            Spec = new k8s.Models.V1PodSpec { Containers = [new k8s.Models.V1Container { Name = "c", Image = "registry.k8s.io/pause:3.10" }] },
        }, _ns.Name);
        var pods = await RunAsync("get", "pods", "-n", _ns.Name);
        Assert.Contains("READY", pods);
        Assert.Contains("STATUS", pods);
        Assert.Contains("RESTARTS", pods);
        Assert.Contains("describe-me", pods);
        var describe = await Poll.UntilAsync(() => RunAsync("describe", "pod", "describe-me", "-n", _ns.Name), d => d.Contains("Scheduled", StringComparison.Ordinal), "a Scheduled event", TimeSpan.FromSeconds(60));
        Assert.Contains("Events:", describe);
    }

    [Fact]
    public async Task Kubectl_GetWatch_PrintsNewObjects()
    {
        var psi = Start("get", "configmaps", "-n", _ns.Name, "-w", "--request-timeout=30s");
        using var process = Process.Start(psi)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        try
        {
            await Poll.UntilAsync(async () =>
            {
                try
                {
                    await _client.CoreV1.CreateNamespacedConfigMapAsync(new k8s.Models.V1ConfigMap { Metadata = new k8s.Models.V1ObjectMeta { GenerateName = "watched-" } }, _ns.Name);
                }
                catch (k8s.Autorest.HttpOperationException)
                {
                    // Retry on the next poll.
                }

                lock (output)
                {
                    return output.ToString().Contains("watched-", StringComparison.Ordinal);
                }
            }, "kubectl get -w to print a new configmap", TimeSpan.FromSeconds(30));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private ProcessStartInfo Start(params string[] args)
    {
        var psi = new ProcessStartInfo("/usr/bin/env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("kubectl");
        psi.ArgumentList.Add("--kubeconfig");
        psi.ArgumentList.Add(cluster.KubeconfigPath);
        psi.ArgumentList.Add("--cache-dir");
        psi.ArgumentList.Add(_cacheDir);
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["HOME"] = _cacheDir;
        return psi;
    }

    private Task<string> RunAsync(params string[] args) => RunAsync(false, args);

    private async Task<string> RunAsync(bool expectFailure, params string[] args)
    {
        using var process = Process.Start(Start(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var text = await stdout + await stderr;
        Assert.True(expectFailure ? process.ExitCode != 0 : process.ExitCode == 0, $"kubectl {string.Join(' ', args)} exited {process.ExitCode}: {text}");
        return text;
    }
}
