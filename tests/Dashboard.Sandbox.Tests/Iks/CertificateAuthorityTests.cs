using System.Security.Cryptography.X509Certificates;
using Dashboard.Certificates.Inspection;
using Dashboard.Certificates.Parsing;
using Dashboard.Testing;

namespace Dashboard.Sandbox.Tests.Iks;

/// <summary>The sandbox CA mirrors Let's Encrypt: root → intermediate → 90-day leaf for host and *.host, serverAuth only unless configured.</summary>
public sealed class CertificateAuthorityTests
{
    [Fact]
    public async Task DefaultLeaf_IsServerAuthOnly_AndChainsToTheSandboxRoot()
    {
        await using var sandbox = await IksSandbox.StartAsync();
        var (leaf, intermediate, root) = await IngressChainAsync(sandbox);

        Assert.Equal([Oids.ServerAuth], leaf.Summary.ExtendedKeyUsages);
        Assert.Equal(TimeSpan.FromDays(90), leaf.Summary.NotAfter - leaf.Summary.NotBefore);
        Assert.Contains("CN=Sandbox YR1", intermediate.Summary.Subject, StringComparison.Ordinal);
        Assert.Contains("CN=Sandbox ISRG Root X1", root.Summary.Subject, StringComparison.Ordinal);
        Assert.True(root.Summary.IsSelfSigned);
        Assert.Equal(X509ChainStatusFlags.NoError, ChainStatus(leaf, intermediate, root, Oids.ServerAuth));
        Assert.NotEqual(X509ChainStatusFlags.NoError, ChainStatus(leaf, intermediate, root, Oids.ClientAuth));
        Assert.Equal(0, (await OpenSslVerifyAsync(leaf, intermediate, root, "sslserver")).ExitCode);
        Assert.NotEqual(0, (await OpenSslVerifyAsync(leaf, intermediate, root, "sslclient")).ExitCode);
    }

    [Fact]
    public async Task ClientAuthSetting_AddsClientAuthFromAnOlderStyleIntermediate()
    {
        await using var sandbox = await IksSandbox.StartAsync(configure: o => o.IssueClientAuth = true);
        var (leaf, intermediate, root) = await IngressChainAsync(sandbox);

        Assert.Equal([Oids.ServerAuth, Oids.ClientAuth], leaf.Summary.ExtendedKeyUsages);
        Assert.Contains("CN=Sandbox R11", intermediate.Summary.Subject, StringComparison.Ordinal);
        Assert.Equal(X509ChainStatusFlags.NoError, ChainStatus(leaf, intermediate, root, Oids.ClientAuth));
        Assert.Equal(0, (await OpenSslVerifyAsync(leaf, intermediate, root, "sslclient")).ExitCode);
    }

    private static async Task<(PemCertificate Leaf, PemCertificate Intermediate, PemCertificate Root)> IngressChainAsync(IksSandbox sandbox)
    {
        var (_, cluster, _) = await sandbox.CallAsync(HttpMethod.Get, "/v2/getCluster?cluster=sandbox");
        var secret = await sandbox.SecretAsync("default", cluster!["ingress"]!["secretName"]!.GetValue<string>());
        var chain = PemBundle.Parse(secret!.Data["tls.crt"]).Entries;
        return (chain[0], chain[1], PemBundle.Parse(sandbox.Simulator.RootCertificatePem).Entries.Single());
    }

    private static X509ChainStatusFlags ChainStatus(PemCertificate leaf, PemCertificate intermediate, PemCertificate root, string purpose)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root.Certificate);
        chain.ChainPolicy.ExtraStore.Add(intermediate.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(purpose));
        chain.Build(leaf.Certificate);
        return chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
    }

    private static async Task<(int ExitCode, string Output)> OpenSslVerifyAsync(PemCertificate leaf, PemCertificate intermediate, PemCertificate root, string purpose)
    {
        var directory = Directory.CreateTempSubdirectory("iks-openssl-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "leaf.pem"), leaf.ToPem());
            await File.WriteAllTextAsync(Path.Combine(directory, "intermediate.pem"), intermediate.ToPem());
            await File.WriteAllTextAsync(Path.Combine(directory, "root.pem"), root.ToPem());
            var (exit, output, error) = await ExternalTool.RunAsync("openssl", "verify", "-purpose", purpose,
                "-CAfile", Path.Combine(directory, "root.pem"), "-untrusted", Path.Combine(directory, "intermediate.pem"), Path.Combine(directory, "leaf.pem"));
            return (exit, output + error);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
