using k8s.Models;

namespace Dashboard.Sandbox.DataPlane.Gateway;

/// <summary>
/// The key layouts istiod accepts in a <c>credentialName</c> secret, following
/// <c>pilot/pkg/credentials/kube/secrets.go</c> (<c>extractCertInfo</c>, <c>extractRoot</c>, <c>GetCaCert</c>).
/// </summary>
internal static class IstioSecretFormats
{
    private const string GenericCert = "cert";
    private const string GenericKey = "key";
    private const string GenericCaCert = "cacert";
    private const string TlsCert = "tls.crt";
    private const string TlsKey = "tls.key";
    private const string TlsCaCert = "ca.crt";

    /// <summary>Server certificate and key: <c>cert</c>/<c>key</c> checked first, then <c>tls.crt</c>/<c>tls.key</c>; a pair present but empty is an error.</summary>
    public static (byte[] Cert, byte[] Key, string Keys)? ExtractCertInfo(V1Secret secret, out string? error)
    {
        var data = secret.Data ?? new Dictionary<string, byte[]>();
        error = null;
        if (HasValue(data, GenericCert, GenericKey))
        {
            return (data[GenericCert], data[GenericKey], "cert, key");
        }

        if (HasValue(data, TlsCert, TlsKey))
        {
            return (data[TlsCert], data[TlsKey], "tls.crt, tls.key");
        }

        error = HasKeys(data, GenericCert, GenericKey) ? $"found keys \"{GenericCert}\" and \"{GenericKey}\", but they were empty"
            : HasKeys(data, TlsCert, TlsKey) ? $"found keys \"{TlsCert}\" and \"{TlsKey}\", but they were empty"
            : $"found secret, but didn't have expected keys ({GenericCert} and {GenericKey}) or ({TlsCert} and {TlsKey}); found: {Found(data)}";
        return null;
    }

    /// <summary>CA bundle: <c>cacert</c> first, then <c>ca.crt</c>; present but empty is an error.</summary>
    public static (byte[] Ca, string Key)? ExtractRoot(V1Secret secret, out string? error)
    {
        var data = secret.Data ?? new Dictionary<string, byte[]>();
        error = null;
        if (HasValue(data, GenericCaCert))
        {
            return (data[GenericCaCert], GenericCaCert);
        }

        if (HasValue(data, TlsCaCert))
        {
            return (data[TlsCaCert], TlsCaCert);
        }

        error = HasKeys(data, GenericCaCert) ? $"found key \"{GenericCaCert}\", but it was empty"
            : HasKeys(data, TlsCaCert) ? $"found key \"{TlsCaCert}\", but it was empty"
            : $"found secret, but didn't have expected keys {GenericCaCert} or {TlsCaCert}; found: {Found(data)}";
        return null;
    }

    private static bool HasValue(IDictionary<string, byte[]> data, params string[] keys) =>
        keys.All(k => data.TryGetValue(k, out var value) && value is { Length: > 0 });

    private static bool HasKeys(IDictionary<string, byte[]> data, params string[] keys) => keys.All(data.ContainsKey);

    // Names only, never values: a secret's values are key material.
    private static string Found(IDictionary<string, byte[]> data) =>
        data.Count == 0 ? "(no keys)" : string.Join(", ", data.Keys.Order(StringComparer.Ordinal).Take(8));
}
