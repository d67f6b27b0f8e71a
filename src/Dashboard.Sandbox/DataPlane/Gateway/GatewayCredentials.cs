using Dashboard.Sandbox.DataPlane.Tls;
using Dashboard.Sandbox.DataPlane.Watching;
using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.DataPlane.Gateway;

/// <summary>What a server's TLS settings resolved to.</summary>
internal sealed record CredentialResolution(TlsCredential? Credential, TrustBundle? ClientCa, string? Problem, string? Notice);

/// <summary>
/// Resolves a Gateway server's certificate and client CA the way Istio delivers them to Envoy. Through SDS (a
/// <c>credentialName</c> secret, or a file path the Current agent serves): Envoy keeps the last secret it accepted,
/// so an update that cannot be loaded, or a deleted secret, leaves the previous material in use until the gateway
/// restarts; a first load that fails leaves the filter chain without a certificate. Legacy file mounts are read from
/// the secrets as they were when the pods started.
/// </summary>
internal sealed class GatewayCredentials(SandboxDataPlaneOptions options, GatewayWorkload workload, ILogger logger)
{
    private readonly Dictionary<string, TlsCredential> _acceptedCredentials = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrustBundle> _acceptedRoots = new(StringComparer.Ordinal);
    private readonly MaterialCache _material = new();
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    /// <summary>Forgets what Envoy held (a new gateway generation).</summary>
    public void Reset()
    {
        _acceptedCredentials.Clear();
        _acceptedRoots.Clear();
        _warned.Clear();
    }

    /// <summary>A <c>credentialName</c> (SDS) server. Returns a problem instead when Istio would not deliver it.</summary>
    public CredentialResolution FromCredentialName(string credentialName, string? caCredentialName, bool needsCa, ClusterSnapshot snapshot)
    {
        var name = credentialName.StartsWith("kubernetes://", StringComparison.Ordinal) ? credentialName["kubernetes://".Length..] : credentialName;
        var ns = options.GatewayNamespace;
        TlsCredential? credential = null;
        string? problem;
        var secret = snapshot.Secret(ns, name);
        if (secret is null)
        {
            problem = $"secret {ns}/{name} not found (credentialName is read from the gateway's namespace {ns})";
        }
        else if (IstioSecretFormats.ExtractCertInfo(secret, out problem) is { } pair)
        {
            credential = Parse(pair.Cert, pair.Key, $"secret {ns}/{name} ({pair.Keys})", out problem);
        }

        var (accepted, certNotice) = Accept(_acceptedCredentials, "kubernetes://" + name, credential, problem);
        if (accepted is null)
        {
            return new(null, null, $"SDS kubernetes://{name}: {problem}", null);
        }

        if (!needsCa)
        {
            return new(accepted, null, null, certNotice);
        }

        var (bundle, caProblem) = CaFromSecrets(name, caCredentialName, snapshot);
        var (acceptedCa, caNotice) = Accept(_acceptedRoots, "kubernetes://" + name + "-cacert", bundle, caProblem);
        return acceptedCa is null
            ? new(accepted, null, $"SDS kubernetes://{name}-cacert: {caProblem}", certNotice)
            : new(accepted, acceptedCa, null, certNotice ?? caNotice);
    }

    /// <summary>A server with file paths (<c>serverCertificate</c>, <c>privateKey</c>, <c>caCertificates</c>).</summary>
    public CredentialResolution FromFiles(string? certificatePath, string? keyPath, string? caPath, bool needsCa, bool live, ClusterSnapshot snapshot)
    {
        if (string.IsNullOrEmpty(certificatePath) || string.IsNullOrEmpty(keyPath))
        {
            return new(null, null, "the server has neither credentialName nor serverCertificate and privateKey", null);
        }

        if (needsCa && string.IsNullOrEmpty(caPath))
        {
            return new(null, null, "MUTUAL TLS requires a client CA bundle (caCertificates)", null);
        }

        var certBytes = workload.ReadFile(certificatePath, snapshot, live, out var problem);
        var keyBytes = certBytes is null ? null : workload.ReadFile(keyPath, snapshot, live, out problem);
        var credential = keyBytes is null ? null : Parse(certBytes!, keyBytes, $"{certificatePath} and {keyPath}", out problem);
        var resource = $"file-cert:{certificatePath}~{keyPath}";
        var (accepted, notice) = live ? Accept(_acceptedCredentials, resource, credential, problem) : (credential, null);
        if (accepted is null)
        {
            return new(null, null, $"failed to load certificate chain: {problem}", null);
        }

        if (!needsCa)
        {
            return new(accepted, null, null, notice);
        }

        var caBytes = workload.ReadFile(caPath!, snapshot, live, out var caProblem);
        var bundle = caBytes is null ? null : ParseRoot(caBytes, caPath!, out caProblem);
        var (acceptedCa, caNotice) = live ? Accept(_acceptedRoots, "file-root:" + caPath, bundle, caProblem) : (bundle, null);
        return acceptedCa is null
            ? new(accepted, null, $"failed to load trusted CA certificates: {caProblem}", notice)
            : new(accepted, acceptedCa, null, notice ?? caNotice);
    }

    /// <summary>Istio's <c>GetCaCert</c>: <c>&lt;name&gt;-cacert</c> when it exists (no fallback if it lacks CA keys), else the credential secret itself.</summary>
    private (TrustBundle? Bundle, string? Problem) CaFromSecrets(string name, string? caCredentialName, ClusterSnapshot snapshot)
    {
        var ns = options.GatewayNamespace;
        string secretName;
        if (!string.IsNullOrEmpty(caCredentialName))
        {
            if (caCredentialName.StartsWith("configmap://", StringComparison.Ordinal))
            {
                return (null, $"caCertCredentialName {caCredentialName}: ConfigMaps are not simulated by the sandbox gateway");
            }

            secretName = caCredentialName;
        }
        else
        {
            secretName = snapshot.Secret(ns, name + "-cacert") is not null ? name + "-cacert" : name;
        }

        var secret = snapshot.Secret(ns, secretName);
        if (secret is null)
        {
            return (null, $"secret {ns}/{secretName} not found");
        }

        return IstioSecretFormats.ExtractRoot(secret, out var error) is { } root
            ? (ParseRoot(root.Ca, $"secret {ns}/{secretName} ({root.Key})", out var problem), problem)
            : (null, $"secret {ns}/{secretName}: {error}");
    }

    private (T? Value, string? Notice) Accept<T>(Dictionary<string, T> accepted, string resource, T? candidate, string? problem)
        where T : class
    {
        if (candidate is not null)
        {
            accepted[resource] = candidate;
            return (candidate, null);
        }

        if (accepted.TryGetValue(resource, out var previous))
        {
            if (_warned.Add(resource + "|" + problem))
            {
                DataPlaneLog.GatewayUpdateRejected(logger, resource, problem);
            }

            return (previous, $"update of {resource} rejected ({problem}); the previously accepted material stays in use until the gateway restarts");
        }

        return (null, null);
    }

    private TlsCredential? Parse(byte[] cert, byte[] key, string source, out string? problem) => _material.Credential(cert, key, source, out problem);

    private TrustBundle? ParseRoot(byte[] ca, string source, out string? problem) => _material.Bundle(ca, source, out problem);
}
