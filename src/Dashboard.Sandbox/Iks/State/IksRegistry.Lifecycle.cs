using Dashboard.Sandbox.Iks.Catalog;
using Dashboard.Sandbox.Iks.Certificates;

namespace Dashboard.Sandbox.Iks.State;

/// <summary>What the certificate lifecycle must do for one subdomain.</summary>
internal enum WorkAction
{
    /// <summary>Issue a first or regenerated certificate and write its secret.</summary>
    Issue,

    /// <summary>Re-issue before expiry and update the secret in place.</summary>
    Renew,

    /// <summary>Check the secret is in the (newly bound) cluster; write it when missing.</summary>
    Verify,

    /// <summary>Delete the secret from the cluster (deleted secret, removed subdomain).</summary>
    DeleteSecret,

    /// <summary>Forget a removed subdomain whose secret is gone.</summary>
    Drop,
}

/// <summary>One piece of lifecycle work, planned from a registration at <see cref="Version"/>.</summary>
internal sealed record WorkItem(IksCluster Cluster, string Host, long Version, WorkAction Action, string SecretNamespace, string SecretName, IssuedLeaf? Current);

/// <summary>The lifecycle's side of the registry: planning due work and recording its outcome.</summary>
internal sealed partial class IksRegistry
{
    /// <summary>The work due at <paramref name="now"/>, and when the next work falls due.</summary>
    public (IReadOnlyList<WorkItem> Due, DateTimeOffset? Next) Plan(DateTimeOffset now, bool stuckCreating)
    {
        var due = new List<WorkItem>();
        DateTimeOffset? next = null;
        lock (_gate)
        {
            foreach (var r in _registrations)
            {
                if (_catalog.Clusters.FirstOrDefault(c => c.Id == r.ClusterId) is not { } cluster || WhatIsDue(r, cluster, stuckCreating) is not { } work)
                {
                    continue;
                }

                var at = r.RetryAt is { } retry && retry > work.At ? retry : work.At;
                if (at <= now)
                {
                    due.Add(new WorkItem(cluster, r.Host, r.Version, work.Action, r.SecretNamespace, r.SecretName, r.Certificate));
                }
                else if (next is null || at < next)
                {
                    next = at;
                }
            }
        }

        return (due, next);
    }

    /// <summary>At start and after rebinding: check every issued certificate's secret once.</summary>
    public void MarkForVerification()
    {
        Mutate(() =>
        {
            foreach (var r in _registrations.Where(r => r.Certificate is not null && r.Status == SecretStatus.Created && !r.Removed))
            {
                r.NeedsVerify = true;
                r.RetryAt = null;
            }

            return true;
        });
    }

    public void Issued(WorkItem item, IssuedLeaf leaf, bool written) => Record(item, r =>
    {
        if (written)
        {
            r.SecretInCluster = leaf.Serial;
        }

        if (r.Version != item.Version)
        {
            return;
        }

        r.Certificate = leaf;
        if (item.Action == WorkAction.Issue)
        {
            r.Status = SecretStatus.Created;
            r.StatusSince = _time.GetUtcNow();
        }

        r.RetryAt = null;
        r.NeedsVerify = false;
    });

    public void Verified(WorkItem item, string? serialInCluster) => Record(item, r =>
    {
        r.NeedsVerify = false;
        r.SecretInCluster = serialInCluster;
    });

    public void Dropped(WorkItem item) => Record(item, _ => { });

    public void SecretDeleted(WorkItem item) => Record(item, r =>
    {
        r.SecretInCluster = null;
        r.RetryAt = null;
    });

    /// <summary>Tries again later (namespace missing, cluster unreachable); not version-checked, a newer request only waits a little.</summary>
    public void Postpone(WorkItem item, DateTimeOffset retryAt) => Record(item, r => r.RetryAt = retryAt);

    private (DateTimeOffset At, WorkAction Action)? WhatIsDue(IksRegistration r, IksCluster cluster, bool stuckCreating)
    {
        var hasSecret = cluster.Bound && r.SecretInCluster is not null;
        if (r.Removed)
        {
            return (DateTimeOffset.MinValue, hasSecret ? WorkAction.DeleteSecret : WorkAction.Drop);
        }

        return r.Status switch
        {
            SecretStatus.Deleted => hasSecret ? (DateTimeOffset.MinValue, WorkAction.DeleteSecret) : null,
            SecretStatus.Creating or SecretStatus.Regenerating => stuckCreating ? null : (r.StatusSince + _options.IssueDelay, WorkAction.Issue),
            SecretStatus.RateLimited => (r.RetryAt ?? DateTimeOffset.MinValue, WorkAction.Issue),
            _ when r.Certificate is null => (DateTimeOffset.MinValue, WorkAction.Issue),
            _ when r.NeedsVerify && cluster.Bound => (DateTimeOffset.MinValue, WorkAction.Verify),
            _ => (r.Certificate!.NotAfter - _options.RenewBefore, WorkAction.Renew),
        };
    }

    private void Record(WorkItem item, Action<IksRegistration> change)
    {
        Mutate(() =>
        {
            var r = _registrations.FirstOrDefault(x => x.ClusterId == item.Cluster.Id && x.Host == item.Host);
            if (r is null)
            {
                return false;
            }

            change(r);
            r.Version++;
            if (r.Removed && (r.SecretInCluster is null || !item.Cluster.Bound))
            {
                _registrations.Remove(r);
            }

            return true;
        });
    }
}
