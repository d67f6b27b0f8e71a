using Dashboard.Certificates.Parsing;
using Dashboard.Sandbox.Clock;
using Dashboard.Testing;
using k8s;
using k8s.Models;

namespace Dashboard.Sandbox.Tests.Iks;

public sealed class RenewalTests
{
    [Fact]
    public async Task Renewal_After54Days_UpdatesOnlyTheSourceSecretInPlaceWithANewSerial()
    {
        var clock = new SandboxClock();
        await using var sandbox = await IksSandbox.StartAsync(clock);
        var (_, cluster, _) = await sandbox.CallAsync(HttpMethod.Get, "/v2/getCluster?cluster=sandbox");
        var secretName = cluster!["ingress"]!["secretName"]!.GetValue<string>();
        var source = (await sandbox.SecretAsync("default", secretName))!;
        var before = PemBundle.Parse(source.Data["tls.crt"]).Entries[0].Summary;
        Assert.Equal(TimeSpan.FromDays(90), before.NotAfter - before.NotBefore);

        // A copy elsewhere (what the seed does by hand): IKS never touches it.
        await sandbox.Kubernetes.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "copied-ingress-cert", NamespaceProperty = "istio-system" },
            Type = "Opaque",
            Data = source.Data,
        }, "istio-system");
        source.Metadata.Labels = new Dictionary<string, string> { ["team"] = "platform" };
        source = await sandbox.Kubernetes.CoreV1.ReplaceNamespacedSecretAsync(source, secretName, "default");

        clock.Advance(TimeSpan.FromDays(52));
        await sandbox.Simulator.RunLifecycleAsync(CancellationToken.None);
        Assert.Equal(before.SerialNumber, Serial(await sandbox.SecretAsync("default", secretName)));

        clock.Advance(TimeSpan.FromDays(2));
        var renewed = await Poll.UntilAsync(() => sandbox.SecretAsync("default", secretName), s => Serial(s) != before.SerialNumber, "the renewed certificate");

        var after = PemBundle.Parse(renewed!.Data["tls.crt"]).Entries[0].Summary;
        Assert.Equal(source.Metadata.Uid, renewed.Metadata.Uid);
        Assert.Equal("platform", renewed.Metadata.Labels["team"]);
        Assert.True(after.NotAfter > before.NotAfter.AddDays(50));
        Assert.Equal(before.DnsNames, after.DnsNames);
        var copy = await sandbox.SecretAsync("istio-system", "copied-ingress-cert");
        Assert.Equal(before.SerialNumber, Serial(copy));
        Assert.Empty(sandbox.Errors);
        Assert.Contains(sandbox.Logs.GetSnapshot(), r => r.Message.StartsWith("Renewed the certificate of " + cluster["ingress"]!["hostname"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    private static string? Serial(V1Secret? secret) => secret is null ? null : PemBundle.Parse(secret.Data["tls.crt"]).Entries[0].Summary.SerialNumber;
}
