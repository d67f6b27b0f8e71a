using System.Text.Json.Nodes;
using Dashboard.Certificates.Parsing;
using Dashboard.Sandbox.Iks;
using Dashboard.Testing;
using k8s;
using k8s.Models;

namespace Dashboard.Sandbox.Tests.Iks;

[Collection(IksSandboxCollection.Name)]
public sealed class NlbDnsLifecycleTests(IksSandboxFixture fixture)
{
    private IksSandbox Sandbox => fixture.Sandbox;

    [Fact]
    public async Task RegisterClassic_CreatingThenCreated_SecretAppearsInTheSecretNamespace()
    {
        var (status, created, _) = await RegisterAsync("169.46.60.1", "istio-system");

        Assert.Equal(201, status);
        var host = created!["nlbHost"]!.GetValue<string>();
        var secretName = created["nlbSslSecretName"]!.GetValue<string>();
        Assert.Equal("creating", created["nlbSslSecretStatus"]!.GetValue<string>());
        Assert.Equal(host.Split('.')[0], secretName);
        Assert.Matches(@"-00(0[1-9]|[1-9]\d)\.us-south\.containers\.appdomain\.cloud$", host);
        Assert.Equal("istio-system", created["secretNamespace"]!.GetValue<string>());
        Assert.Null(await Sandbox.SecretAsync("istio-system", secretName));

        var entry = await WaitForStatusAsync(host, "created");
        var secret = await Sandbox.SecretAsync("istio-system", secretName);

        Assert.Equal(["169.46.60.1"], entry["nlbIPArray"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.NotNull(secret);
        Assert.Equal("Opaque", secret.Type);
        Assert.Equal("ibm", secret.Metadata.Annotations["ingress.cloud.ibm.com/cert-source"]);
        var chain = PemBundle.Parse(secret.Data["tls.crt"]);
        Assert.Equal(2, chain.Entries.Count);
        Assert.Equal([host, "*." + host], chain.Entries[0].Summary.DnsNames);
        Assert.Null(await Sandbox.SecretAsync("default", secretName));
        Assert.Empty(Sandbox.Errors);

        // The issue is logged with the secret's namespace and name as their own fields, not folded into the text.
        var issued = await Poll.UntilAsync(
            () => Task.FromResult(Sandbox.Logs.GetSnapshot().FirstOrDefault(r => r.GetStructuredStateValue("Host") == host && r.GetStructuredStateValue("SecretName") is not null)),
            r => r is not null,
            "the log line of the issued certificate");
        Assert.Equal(("Issued", "istio-system", secretName), (issued!.GetStructuredStateValue("Action"), issued.GetStructuredStateValue("Namespace"), issued.GetStructuredStateValue("SecretName")));
        Assert.Equal("{Action} the certificate of {Host} (serial {Serial}, until {NotAfter}) into {Namespace}/{SecretName}", issued.GetStructuredStateValue("{OriginalFormat}"));
    }

    [Fact]
    public async Task RegisterClassic_SecretNamespaceMissing_StaysCreatingUntilItExists()
    {
        var (_, created, _) = await RegisterAsync("169.46.60.2", "not-yet-there");
        var host = created!["nlbHost"]!.GetValue<string>();
        var passes = Sandbox.Simulator.Lifecycle.Passes;

        // Several lifecycle passes run (the retry interval is 200 ms), and the status must not move.
        await Poll.UntilAsync(() => Task.FromResult(Sandbox.Simulator.Lifecycle.Passes), p => p >= passes + 4, "lifecycle passes");
        Assert.Equal("creating", (await EntryAsync(host))["nlbSslSecretStatus"]!.GetValue<string>());

        await Sandbox.Kubernetes.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "not-yet-there" } });

        await WaitForStatusAsync(host, "created");
        Assert.NotNull(await Sandbox.SecretAsync("not-yet-there", host.Split('.')[0]));
    }

    [Fact]
    public async Task AddAndRemoveIp_ChangeTheListButKeepTheSubdomain()
    {
        var (_, created, _) = await RegisterAsync("169.46.60.3", null);
        var host = created!["nlbHost"]!.GetValue<string>();

        var (added, _, _) = await Sandbox.CallAsync(HttpMethod.Put, "/v1/nlb-dns/clusters/sandbox/add", new { nlbHost = host, nlbIPArray = new[] { "169.46.60.4" } });
        Assert.Equal(204, added);
        Assert.Equal(["169.46.60.3", "169.46.60.4"], Ips(await EntryAsync(host)));

        var (removed, _, _) = await Sandbox.CallAsync(HttpMethod.Delete, $"/v1/nlb-dns/clusters/sandbox/host/{host}/ip/169.46.60.3/remove");
        var (removedLast, _, _) = await Sandbox.CallAsync(HttpMethod.Delete, $"/v1/nlb-dns/clusters/sandbox/host/{host}/ip/169.46.60.4/remove");

        Assert.Equal(204, removed);
        Assert.Equal(204, removedLast);
        Assert.Empty(Ips(await EntryAsync(host)));
    }

    [Fact]
    public async Task V1List_ReturnsClusterNlbHostsListWithTheSameEntries()
    {
        var (_, created, _) = await RegisterAsync("169.46.60.5", null);
        var host = created!["nlbHost"]!.GetValue<string>();

        var (status, body, _) = await Sandbox.CallAsync(HttpMethod.Get, "/v1/nlb-dns/clusters/sandbox/list");

        Assert.Equal(200, status);
        Assert.Equal(SandboxIksDefaults.ClusterId, body!["clusterid"]!.GetValue<string>());
        Assert.Contains(body["nlbs"]!.AsArray(), n => n!["nlbHost"]!.GetValue<string>() == host);
        Assert.NotNull(body["nlbHealthCheckConfigs"]);
    }

    [Fact]
    public async Task Vpc_CreateListRemove_UsesTheNlbWrapperAndRemovesTheSubdomain()
    {
        var (status, created, _) = await Sandbox.CallAsync(HttpMethod.Post, "/v2/nlb-dns/vpc/createNlbDNS",
            new { cluster = SandboxIksDefaults.VpcClusterName, dnsType = "public", lbHostname = "abcd1234-us-south.lb.appdomain.cloud", secretNamespace = "istio-system", type = "public" });

        Assert.Equal(201, status);
        var subdomain = created!["nlbSubdomain"]!.GetValue<string>();
        Assert.Equal("abcd1234-us-south.lb.appdomain.cloud", created["lbHostname"]!.GetValue<string>());

        var list = await Sandbox.ListAsync(SandboxIksDefaults.VpcClusterName);
        var entry = list.Single(e => e!["Nlb"]!["nlbSubdomain"]!.GetValue<string>() == subdomain)!;
        Assert.Equal(subdomain.Split('.')[0], entry["secretName"]!.GetValue<string>());
        Assert.NotNull(entry["secretStatus"]);
        Assert.All(list, e => Assert.NotNull(e!["Nlb"]));

        var (removed, _, _) = await Sandbox.CallAsync(HttpMethod.Post, "/v2/nlb-dns/vpc/removeLBHostname", new { cluster = SandboxIksDefaults.VpcClusterName, nlbSubdomain = subdomain });

        Assert.Equal(204, removed);
        Assert.DoesNotContain(await Sandbox.ListAsync(SandboxIksDefaults.VpcClusterName), e => e!["Nlb"]!["nlbSubdomain"]!.GetValue<string>() == subdomain);
    }

    [Fact]
    public async Task DeleteSecret_DeletesItFromTheClusterAndReportsDeleted()
    {
        var (_, created, _) = await RegisterAsync("169.46.60.6", null);
        var host = created!["nlbHost"]!.GetValue<string>();
        await WaitForStatusAsync(host, "created");

        var (status, _, _) = await Sandbox.CallAsync(HttpMethod.Post, "/v2/nlb-dns/deleteSecret", new { cluster = "sandbox", subdomain = host });
        var (again, body, _) = await Sandbox.CallAsync(HttpMethod.Post, "/v2/nlb-dns/deleteSecret", new { cluster = "sandbox", subdomain = host });

        Assert.Equal(204, status);
        Assert.Equal(404, again);
        Assert.Equal("E0024", body!["code"]!.GetValue<string>());
        Assert.Equal("deleted", (await EntryAsync(host))["nlbSslSecretStatus"]!.GetValue<string>());
        await Poll.UntilAsync(() => Sandbox.SecretAsync("default", host.Split('.')[0]), s => s is null, "the secret to be deleted");
    }

    [Fact]
    public async Task Regenerate_ReissuesWithANewSerial_AndTheSixthInADayIsRateLimited()
    {
        var (_, created, _) = await RegisterAsync("169.46.60.7", null);
        var host = created!["nlbHost"]!.GetValue<string>();
        var secretName = host.Split('.')[0];
        await WaitForStatusAsync(host, "created");
        var before = Serial(await Sandbox.SecretAsync("default", secretName));

        var (status, _, _) = await Sandbox.CallAsync(HttpMethod.Post, "/v2/nlb-dns/regenerateCert", new { cluster = "sandbox", subdomain = host });

        Assert.Equal(202, status);
        await WaitForStatusAsync(host, "created");
        await Poll.UntilAsync(async () => Serial(await Sandbox.SecretAsync("default", secretName)), s => s != before, "a new serial in the secret");
        for (var i = 2; i <= 5; i++)
        {
            Assert.Equal(202, (await Sandbox.CallAsync(HttpMethod.Post, "/v2/nlb-dns/regenerateCert", new { cluster = "sandbox", subdomain = host })).Status);
        }

        var (sixth, _, _) = await Sandbox.CallAsync(HttpMethod.Post, "/v2/nlb-dns/regenerateCert", new { cluster = "sandbox", subdomain = host });

        Assert.Equal(202, sixth);
        Assert.Equal("rate_limited", (await EntryAsync(host))["nlbSslSecretStatus"]!.GetValue<string>());
    }

    private Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> RegisterAsync(string ip, string? secretNamespace) =>
        Sandbox.CallAsync(HttpMethod.Post, "/v1/nlb-dns/clusters/sandbox/register", new { clusterID = "sandbox", nlbHost = "", nlbIPArray = new[] { ip }, nlbType = "public", nlbDnsType = "public", secretNamespace });

    private async Task<JsonNode> EntryAsync(string host) => (await Sandbox.ListAsync()).Single(e => e!["nlbHost"]!.GetValue<string>() == host)!;

    private Task<JsonNode> WaitForStatusAsync(string host, string status) =>
        Poll.UntilAsync(() => EntryAsync(host), e => e["nlbSslSecretStatus"]!.GetValue<string>() == status, $"{host} to be {status}");

    private static string[] Ips(JsonNode entry) => [.. entry["nlbIPArray"]!.AsArray().Select(n => n!.GetValue<string>())];

    private static string? Serial(V1Secret? secret) => secret is null ? null : PemBundle.Parse(secret.Data["tls.crt"]).Entries[0].Summary.SerialNumber;
}
