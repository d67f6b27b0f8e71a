using System.Net;
using System.Net.Sockets;
using Dashboard.Sandbox.Iks.Api;
using Dashboard.Sandbox.Iks.Catalog;

namespace Dashboard.Sandbox.Iks.State;

/// <summary>The API's changes. Each validates everything first and changes nothing when it answers an error.</summary>
internal sealed partial class IksRegistry
{
    /// <summary>The highest counter two digits allow (IBM allows 128 subdomains; the simulator stops at 99). UNCONFIRMED: see <see cref="IksUnconfirmed"/>.</summary>
    public const int MaxCounter = 99;

    public (RegistrationView? Registration, IksApiError? Error) RegisterClassic(IksCluster cluster, IReadOnlyList<string> ips, string? secretNamespace, string? type)
    {
        if (cluster.IsVpc)
        {
            return (null, IksErrorCatalog.WrongProvider(cluster.Name, clusterIsVpc: true));
        }

        if (type is not null and not "public")
        {
            return (null, type == "private" ? IksErrorCatalog.PrivateNotSupported() : IksErrorCatalog.InvalidField("nlbType", type, "Use 'public'."));
        }

        if ((CheckIps(ips) ?? CheckNamespace(secretNamespace)) is { } invalid)
        {
            return (null, invalid);
        }

        return Mutate(() =>
        {
            if (IksUnconfirmed.OneSubdomainPerAddress && ConflictLocked(cluster.Id, ips, exceptHost: null) is { } conflict)
            {
                return (null, conflict);
            }

            return AddLocked(cluster, RegistrationKind.Classic, isPrivate: false, r =>
            {
                r.Ips = [.. ips.Distinct()];
                r.SecretNamespace = secretNamespace ?? "default";
            });
        });
    }

    public (RegistrationView? Registration, IksApiError? Error) RegisterVpc(IksCluster cluster, string lbHostname, string? secretNamespace, string? type, string? dnsType)
    {
        if (!cluster.IsVpc)
        {
            return (null, IksErrorCatalog.WrongProvider(cluster.Name, clusterIsVpc: false));
        }

        if (type is not null and not ("public" or "private"))
        {
            return (null, IksErrorCatalog.InvalidField("type", type, "Use 'public' or 'private'."));
        }

        var badHost = Uri.CheckHostName(lbHostname) != UriHostNameType.Dns ? IksErrorCatalog.InvalidField("lbHostname", lbHostname, "Use the VPC load balancer's host name.") : null;
        if ((badHost ?? CheckNamespace(secretNamespace)) is { } invalid)
        {
            return (null, invalid);
        }

        return Mutate(() =>
        {
            var existing = _registrations.FirstOrDefault(r => r.ClusterId == cluster.Id && !r.Removed && string.Equals(r.LbHostname, lbHostname, StringComparison.OrdinalIgnoreCase));
            if (IksUnconfirmed.OneSubdomainPerAddress && existing is not null)
            {
                return (null, IksErrorCatalog.AlreadyRegistered(lbHostname, existing.Host));
            }

            return AddLocked(cluster, RegistrationKind.Vpc, type == "private", r =>
            {
                r.LbHostname = lbHostname;
                r.Type = type ?? "public";
                r.DnsType = dnsType ?? "public";
                r.SecretNamespace = secretNamespace ?? "default";
            });
        });
    }

    public IksApiError? AddIps(IksCluster cluster, string host, IReadOnlyList<string> ips)
    {
        if (cluster.IsVpc)
        {
            return IksErrorCatalog.WrongProvider(cluster.Name, clusterIsVpc: true);
        }

        return CheckIps(ips) ?? Mutate(() =>
        {
            var registration = FindLocked(cluster.Id, host);
            if (registration is null)
            {
                return IksErrorCatalog.SubdomainNotFound(host);
            }

            if (IksUnconfirmed.OneSubdomainPerAddress && ConflictLocked(cluster.Id, ips, exceptHost: registration.Host) is { } conflict)
            {
                return conflict;
            }

            registration.Ips = [.. registration.Ips.Union(ips)];
            Touch(registration);
            return null;
        });
    }

    public IksApiError? RemoveIp(IksCluster cluster, string host, string ip) => cluster.IsVpc
        ? IksErrorCatalog.WrongProvider(cluster.Name, clusterIsVpc: true)
        : Mutate(() =>
        {
            var registration = FindLocked(cluster.Id, host);
            if (registration is null)
            {
                return IksErrorCatalog.SubdomainNotFound(host);
            }

            // The subdomain stays even without IPs (IBM: "the subdomain still exists but no IPs are associated with it").
            if (registration.Ips.RemoveAll(x => x == ip) == 0)
            {
                return IksErrorCatalog.IpNotRegistered(ip, host);
            }

            Touch(registration);
            return null;
        });

    public IksApiError? RemoveVpc(IksCluster cluster, string subdomain) => !cluster.IsVpc
        ? IksErrorCatalog.WrongProvider(cluster.Name, clusterIsVpc: false)
        : Mutate(() =>
        {
            var registration = FindLocked(cluster.Id, subdomain);
            if (registration is null)
            {
                return IksErrorCatalog.SubdomainNotFound(subdomain);
            }

            if (registration.Kind == RegistrationKind.Ingress)
            {
                return IksErrorCatalog.IngressSubdomainProtected(subdomain);
            }

            // The lifecycle deletes its secret, then forgets it.
            registration.Removed = true;
            if (!IksUnconfirmed.RemovingVpcSubdomainDeletesSecret)
            {
                registration.SecretInCluster = null;
            }

            Touch(registration);
            return (IksApiError?)null;
        });

    /// <summary>Regenerates; over the daily limit the certificate turns <c>rate_limited</c> for the backoff period (Let's Encrypt refusing), yet the request itself is accepted.</summary>
    public IksApiError? Regenerate(IksCluster cluster, string subdomain, int dailyLimit) => Mutate(() =>
    {
        var registration = FindLocked(cluster.Id, subdomain);
        if (registration is null)
        {
            return IksErrorCatalog.SubdomainNotFound(subdomain);
        }

        var now = _time.GetUtcNow();
        registration.Regenerations.RemoveAll(t => t <= now - TimeSpan.FromDays(1));
        registration.Regenerations.Add(now);
        var limited = registration.Regenerations.Count > dailyLimit;
        registration.Status = limited ? SecretStatus.RateLimited : SecretStatus.Regenerating;
        registration.StatusSince = now;
        registration.RetryAt = limited ? now + _options.RateLimitBackoff : null;
        Touch(registration);
        return (IksApiError?)null;
    });

    public IksApiError? DeleteSecret(IksCluster cluster, string subdomain) => Mutate(() =>
    {
        var registration = FindLocked(cluster.Id, subdomain);
        if (registration is null)
        {
            return IksErrorCatalog.SubdomainNotFound(subdomain);
        }

        if (registration.Status == SecretStatus.Deleted)
        {
            return IksErrorCatalog.SecretNotFound();
        }

        // The lifecycle deletes the secret from the cluster; no renewal from now on.
        registration.Status = SecretStatus.Deleted;
        registration.StatusSince = _time.GetUtcNow();
        registration.Certificate = null;
        registration.RetryAt = null;
        Touch(registration);
        return (IksApiError?)null;
    });

    private (RegistrationView?, IksApiError?) AddLocked(IksCluster cluster, RegistrationKind kind, bool isPrivate, Action<IksRegistration> configure)
    {
        var counter = _nextCounter.GetValueOrDefault(cluster.Id, 1);
        if (counter > MaxCounter)
        {
            return (null, IksErrorCatalog.LimitReached(MaxCounter));
        }

        var host = IksHostNames.Subdomain(cluster.SubdomainName, _catalog.Account(cluster.AccountId).DnsHash, cluster.Region, counter, isPrivate);
        var registration = new IksRegistration { ClusterId = cluster.Id, Host = host, Counter = counter, Kind = kind, StatusSince = _time.GetUtcNow() };
        configure(registration);
        _registrations.Add(registration);
        _nextCounter[cluster.Id] = counter + 1;
        return (View(registration), null);
    }

    private IksApiError? ConflictLocked(string clusterId, IReadOnlyList<string> ips, string? exceptHost)
    {
        foreach (var other in _registrations.Where(r => r.ClusterId == clusterId && !r.Removed && r.Host != exceptHost))
        {
            if (ips.FirstOrDefault(other.Ips.Contains) is { } taken)
            {
                return IksErrorCatalog.AlreadyRegistered(taken, other.Host);
            }
        }

        return null;
    }

    private static IksApiError? CheckIps(IReadOnlyList<string> ips)
    {
        if (ips.Count == 0)
        {
            return IksErrorCatalog.MissingField("nlbIPArray");
        }

        var bad = ips.FirstOrDefault(ip => !IPAddress.TryParse(ip, out var a) || a.AddressFamily != AddressFamily.InterNetwork || a.ToString() != ip);
        return bad is null ? null : IksErrorCatalog.InvalidField("nlbIPArray", bad, "Use IPv4 addresses such as 169.46.52.10.");
    }

    private static IksApiError? CheckNamespace(string? ns) =>
        ns is null || (ns.Length <= 63 && ns.Length > 0 && ns.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && ns[0] != '-' && ns[^1] != '-')
            ? null
            : IksErrorCatalog.InvalidField("secretNamespace", ns, "Use a Kubernetes namespace name such as istio-system.");
}
