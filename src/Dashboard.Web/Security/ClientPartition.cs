using System.Net;

namespace Dashboard.Web.Security;

/// <summary>The rate limiters' notion of "one client": an IPv4 address, or an IPv6 /64.</summary>
internal static class ClientPartition
{
    /// <summary>
    /// One IPv6 host usually holds a whole /64 (SLAAC, privacy addresses, a delegated prefix) and can pick a fresh
    /// address for every request, so counting IPv6 addresses one by one would give a guesser 2^64 buckets. IPv4-mapped
    /// IPv6 addresses count as the IPv4 address they carry.
    /// </summary>
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
