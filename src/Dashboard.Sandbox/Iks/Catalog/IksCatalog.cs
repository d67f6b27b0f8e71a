using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Sandbox.Iks.Catalog;

/// <summary>The accounts, API keys and clusters the simulator knows, built once from options and validated as a whole.</summary>
internal sealed partial class IksCatalog
{
    private readonly Dictionary<string, IksIdentity> _identities;

    private IksCatalog(IReadOnlyList<IksAccount> accounts, Dictionary<string, IksIdentity> identities, IReadOnlyList<IksCluster> clusters)
    {
        Accounts = accounts;
        _identities = identities;
        Clusters = clusters;
    }

    public IReadOnlyList<IksAccount> Accounts { get; }

    public IReadOnlyList<IksCluster> Clusters { get; }

    public static string KeyId(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    public IksIdentity? FindIdentity(string apiKey) => _identities.GetValueOrDefault(KeyId(apiKey));

    public IksIdentity? FindIdentityById(string keyId) => _identities.GetValueOrDefault(keyId);

    public IksAccount Account(string id) => Accounts.First(a => a.Id == id);

    /// <summary>A cluster of <paramref name="accountId"/> by ID or name; clusters of other accounts are invisible, as on IKS.</summary>
    public IksCluster? FindCluster(string accountId, string? idOrName) =>
        string.IsNullOrWhiteSpace(idOrName)
            ? null
            : Clusters.FirstOrDefault(c => c.AccountId == accountId && (c.Id == idOrName || c.Name == idOrName));

    /// <summary>Builds the catalog; throws <see cref="InvalidOperationException"/> listing every configuration problem.</summary>
    public static IksCatalog Build(SandboxIksOptions options)
    {
        var accountOptions = (options.IncludeDefaults ? [SandboxIksDefaults.Account()] : new List<SandboxIksAccountOptions>()).Concat(options.Accounts).ToList();
        var clusterOptions = (options.IncludeDefaults ? SandboxIksDefaults.Clusters() : []).Concat(options.Clusters).ToList();
        var errors = new List<string>();
        var accounts = new List<IksAccount>();
        var identities = new Dictionary<string, IksIdentity>(StringComparer.Ordinal);
        var builtIn = options.IncludeDefaults ? 1 : 0;
        foreach (var (a, i) in accountOptions.Select((a, i) => (a, i - builtIn)))
        {
            var where = i < 0 ? "Sandbox:Iks (built-in sandbox account)" : $"Sandbox:Iks:Accounts[{i}]";
            if (!Hex32().IsMatch(a.Id ?? string.Empty) || accounts.Any(x => x.Id == a.Id))
            {
                errors.Add($"{where}:Id '{a.Id}' must be a unique 32-digit lowercase hex account ID.");
                continue;
            }

            if (a.DnsHash is { Length: > 0 } hash && !Hex32().IsMatch(hash))
            {
                errors.Add($"{where}:DnsHash '{hash}' must be 32 lowercase hex digits (or empty to derive it).");
            }

            var owner = string.IsNullOrWhiteSpace(a.Owner) ? $"owner@{a.Id}.example.com" : a.Owner;
            accounts.Add(new IksAccount(a.Id!, string.IsNullOrWhiteSpace(a.Name) ? a.Id! : a.Name, owner, string.IsNullOrEmpty(a.DnsHash) ? IksHostNames.DnsHash(a.Id!) : a.DnsHash));
            foreach (var key in a.ApiKeys)
            {
                if (string.IsNullOrWhiteSpace(key.Key) || !Enum.TryParse<IksRole>(key.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role))
                {
                    errors.Add($"{where}:ApiKeys: every key needs a non-empty Key and a Role of Viewer, Operator, Editor or Administrator (got role '{key.Role}').");
                    continue;
                }

                if (!identities.TryAdd(KeyId(key.Key), new IksIdentity(KeyId(key.Key), a.Id!, role, key.Owner ?? owner)))
                {
                    errors.Add($"{where}:ApiKeys: a key is configured twice (keys must be unique across accounts).");
                }
            }
        }

        var clusters = BuildClusters(clusterOptions, options.IncludeDefaults ? SandboxIksDefaults.Clusters().Count() : 0, accounts, errors);
        return errors.Count > 0
            ? throw new InvalidOperationException("The IKS simulator configuration (Sandbox:Iks) has problems: " + string.Join(" ", errors))
            : new IksCatalog(accounts, identities, clusters);
    }

    private static List<IksCluster> BuildClusters(List<SandboxIksClusterOptions> options, int builtIn, List<IksAccount> accounts, List<string> errors)
    {
        var clusters = new List<IksCluster>();
        foreach (var (c, i) in options.Select((c, i) => (c, i - builtIn)))
        {
            var where = i < 0 ? $"Sandbox:Iks (built-in cluster '{c.Name}')" : $"Sandbox:Iks:Clusters[{i}]";
            var id = string.IsNullOrWhiteSpace(c.Id) ? IksHostNames.DnsHash("cluster:" + c.Name)[..20] : c.Id;
            var accountId = string.IsNullOrWhiteSpace(c.AccountId) ? SandboxIksDefaults.AccountId : c.AccountId;
            var isVpc = c.Provider?.StartsWith("vpc", StringComparison.OrdinalIgnoreCase) == true;
            var problems = new List<string>();
            if (!ClusterName().IsMatch(c.Name ?? string.Empty))
            {
                problems.Add($"Name '{c.Name}' must be lowercase letters, digits and dashes, starting with a letter (at most 100 characters).");
            }

            if (accounts.All(a => a.Id != accountId))
            {
                problems.Add($"AccountId '{accountId}' is not a configured account.");
            }

            if (c.Provider is not ("classic" or "vpc-gen2"))
            {
                problems.Add($"Provider '{c.Provider}' must be 'classic' or 'vpc-gen2'.");
            }

            if (!Region().IsMatch(c.Region ?? string.Empty))
            {
                problems.Add($"Region '{c.Region}' must look like 'us-south'.");
            }

            if (clusters.Any(x => x.Id == id || (x.AccountId == accountId && x.Name == c.Name)))
            {
                problems.Add($"'{c.Name}' ({id}) duplicates another cluster's ID, or its name within the account.");
            }

            var ips = new List<IPAddress>();
            foreach (var ip in c.AlbIps)
            {
                if (IPAddress.TryParse(ip, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && address.ToString() == ip)
                {
                    ips.Add(address);
                }
                else
                {
                    problems.Add($"AlbIps entry '{ip}' is not an IPv4 address.");
                }
            }

            if (problems.Count > 0)
            {
                errors.AddRange(problems.Select(p => $"{where}: {p}"));
                continue;
            }

            var duplicate = clusters.Any(x => x.Region == c.Region && x.Name == c.Name);
            var albHostname = isVpc ? (string.IsNullOrWhiteSpace(c.AlbHostname) ? $"{id[..8]}-{c.Region}.lb.appdomain.cloud" : c.AlbHostname) : null;
            clusters.Add(new IksCluster(id!, c.Name!, accountId!, c.Region!, isVpc, c.BindToKubernetes, ips, albHostname, c.MasterKubeVersion, IksHostNames.ClusterPart(c.Name!, duplicate, id!)));
        }

        return clusters;
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Hex32();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,99}$")]
    private static partial Regex ClusterName();

    [GeneratedRegex("^[a-z]{2}-[a-z]+$")]
    private static partial Regex Region();
}
