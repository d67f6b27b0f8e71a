namespace Dashboard.Core.Ibm.Iam;

/// <summary>Bearer tokens for IBM Cloud API keys: cached per key, refreshed before expiry, one exchange per key at a time.</summary>
public interface IIamTokenProvider
{
    /// <summary>A token for <paramref name="credential"/>: the cached one while more than 20% of its lifetime remains, otherwise a new one.</summary>
    Task<IksResult<IamToken>> GetTokenAsync(IbmCredential credential, CancellationToken cancellationToken = default);

    /// <summary>Forgets <paramref name="rejected"/> (e.g. after IKS answered 401 to it), so the next call exchanges the key again.</summary>
    void Invalidate(IbmCredential credential, IamToken rejected);
}
