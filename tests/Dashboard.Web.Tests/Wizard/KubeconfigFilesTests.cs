using Dashboard.Core.Storage;
using Dashboard.Core.Targets;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Web.Tests.Wizard;

public sealed class KubeconfigFilesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "kubeconfig-files-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Inspect_TwoContextsOneWithExec_ListsThemWithServersAndCurrent()
    {
        var inspection = KubeconfigFiles.Inspect(Kubeconfig());

        Assert.Null(inspection.Error);
        Assert.Equal("prod", inspection.CurrentContext);
        Assert.Equal(
            [new KubeconfigContext("prod", "prod-cluster", "https://c100.us-south.containers.cloud.ibm.com:30001", "prod-admin", "istio-system", false),
             new KubeconfigContext("staging", "staging-cluster", "https://c200.eu-de.containers.cloud.ibm.com:30002", "staging-sso", null, true)],
            inspection.Contexts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("this is: [not a kubeconfig")]
    [InlineData("apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\n")]
    public void Inspect_Unusable_SaysWhyAndHow(string content)
    {
        var inspection = KubeconfigFiles.Inspect(System.Text.Encoding.UTF8.GetBytes(content));

        Assert.Empty(inspection.Contexts);
        Assert.NotNull(inspection.Error);
        Assert.Matches("(empty|not a kubeconfig|no contexts)", inspection.Error);
    }

    [Fact]
    public void InspectFile_Missing_NamesThePath()
    {
        var inspection = KubeconfigFiles.InspectFile(Path.Combine(_root, "nope.yaml"));
        Assert.Contains("does not exist", inspection.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_Valid_WritesOwnerOnlyFileUnderTheDataDirectory()
    {
        var files = Files();
        var path = await files.SaveAsync("prod", Kubeconfig(), CancellationToken.None);

        Assert.Equal(Path.Combine(_root, "data", "kubeconfigs"), Path.GetDirectoryName(path));
        Assert.Matches(@"^prod-[0-9a-f]{8}\.yaml$", Path.GetFileName(path));
        Assert.Equal(Kubeconfig(), await File.ReadAllBytesAsync(path));
        Assert.Equal("prod", KubeconfigFiles.InspectFile(path).CurrentContext);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task Delete_OnlyUploadsInItsDirectory()
    {
        var files = Files();
        var upload = await files.SaveAsync("prod", Kubeconfig(), CancellationToken.None);
        var outside = Path.Combine(_root, "kubeconfig");
        await File.WriteAllBytesAsync(outside, Kubeconfig());

        Assert.False(files.Delete(outside));
        Assert.False(files.Delete(Path.Combine(files.Directory, "..", "..", "kubeconfig")));
        Assert.True(File.Exists(outside));
        Assert.True(files.Delete(upload));
        Assert.False(File.Exists(upload));
    }

    [Fact]
    public async Task SaveAsync_NotAKubeconfigOrBadName_RefusesAndWritesNothing()
    {
        var files = Files();
        await Assert.ThrowsAsync<ArgumentException>(() => files.SaveAsync("prod", "garbage: ["u8.ToArray(), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => files.SaveAsync("../etc", Kubeconfig(), CancellationToken.None));
        Assert.False(Directory.Exists(files.Directory) && Directory.EnumerateFiles(files.Directory).Any());
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private KubeconfigFiles Files() =>
        new(Microsoft.Extensions.Options.Options.Create(new StorageOptions { DataDirectory = "./data" }), new Environment(_root));

    private static byte[] Kubeconfig() => System.Text.Encoding.UTF8.GetBytes("""
        apiVersion: v1
        kind: Config
        current-context: prod
        clusters:
        - name: prod-cluster
          cluster:
            server: https://c100.us-south.containers.cloud.ibm.com:30001
        - name: staging-cluster
          cluster:
            server: https://c200.eu-de.containers.cloud.ibm.com:30002
        users:
        - name: prod-admin
          user:
            token: not-a-real-token
        - name: staging-sso
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: ibmcloud
              args: [ks, cluster, config]
        contexts:
        - name: prod
          context:
            cluster: prod-cluster
            user: prod-admin
            namespace: istio-system
        - name: staging
          context:
            cluster: staging-cluster
            user: staging-sso
        """);

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "test";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
