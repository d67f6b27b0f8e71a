using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Sandbox.Iks.Catalog;

/// <summary>
/// IBM's subdomain format: <c>&lt;cluster&gt;-&lt;32-hex account hash&gt;-&lt;00NN&gt;.&lt;region&gt;.containers.appdomain.cloud</c>,
/// <c>-0000</c> for the Ingress subdomain, <c>-0001</c> up for nlb-dns registrations (<c>i0NN</c> for private ones).
/// </summary>
/// <remarks>
/// IBM's cluster-name rules say "26 characters or fewer → unchanged" and "26 or greater → first 24", which overlap
/// at 26, and a 26-character name would make the first label 64 characters (over DNS's 63). Decided here: up to 25
/// characters are kept; 26 or more are cut to 24. For a name that already exists in the region, the name (cut to 17
/// characters when longer than 18) gets a dash and six characters, so the label never exceeds 63. These choices are
/// UNCONFIRMED (indexed in <see cref="IksUnconfirmed"/>).
/// </remarks>
internal static class IksHostNames
{
    public const string Domain = "containers.appdomain.cloud";
    private const int MaxUnique = 25;
    private const int Truncated = 24;
    private const int DuplicateStem = 17;

    public static string ClusterPart(string name, bool duplicateInRegion, string clusterId)
    {
        if (!duplicateInRegion)
        {
            return name.Length <= MaxUnique ? name : name[..Truncated];
        }

        var stem = name.Length <= DuplicateStem + 1 ? name : name[..DuplicateStem];
        return $"{stem}-{Suffix(clusterId)}";
    }

    public static string Subdomain(string clusterPart, string dnsHash, string region, int counter, bool isPrivate) =>
        string.Create(CultureInfo.InvariantCulture, $"{clusterPart}-{dnsHash}-{(isPrivate ? "i0" : "00")}{counter:00}.{region}.{Domain}");

    public static string SecretName(string subdomain) => subdomain[..subdomain.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>The account's DNS hash: stable per account (IBM: one globally unique hash per account).</summary>
    public static string DnsHash(string accountId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("iks-nlb-dns:" + accountId)))[..32];

    // IBM uses six random characters; derived from the cluster ID here so restarts give the same names.
    private static string Suffix(string clusterId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clusterId)))[..6];
}
