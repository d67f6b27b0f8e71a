using System.Net;
using System.Text;
using Dashboard.Sandbox.Iks.Certificates;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Dashboard.Sandbox.Iks.Lifecycle;

/// <summary>
/// Writes IKS certificate secrets into the bound cluster through KubernetesClient, as IKS does: an Opaque secret
/// with <c>tls.crt</c> (leaf + intermediate), <c>tls.key</c> and the annotation <c>ingress.cloud.ibm.com/cert-source: ibm</c>.
/// Renewal updates the secret in place (other metadata kept). The kubeconfig is re-read when its file changes
/// (the sandbox Kubernetes API rewrites it with a new port on every start).
/// </summary>
internal sealed class ClusterSecretWriter : IDisposable
{
    public const string CertSourceAnnotation = "ingress.cloud.ibm.com/cert-source";
    private readonly Lock _gate = new();
    private string? _path;
    private DateTime _loadedStamp;
    private k8s.Kubernetes? _client;

    public ClusterSecretWriter(string? kubeconfigPath) => _path = string.IsNullOrWhiteSpace(kubeconfigPath) ? null : kubeconfigPath;

    public string? KubeconfigPath
    {
        get
        {
            lock (_gate)
            {
                return _path;
            }
        }
    }

    public void Bind(string? kubeconfigPath)
    {
        lock (_gate)
        {
            _path = string.IsNullOrWhiteSpace(kubeconfigPath) ? null : kubeconfigPath;
            _client?.Dispose();
            _client = null;
        }
    }

    /// <summary>The client for the bound cluster, or null when nothing is bound or the kubeconfig does not exist (yet).</summary>
    public IKubernetes? Client()
    {
        lock (_gate)
        {
            if (_path is null || !File.Exists(_path))
            {
                return null;
            }

            var stamp = File.GetLastWriteTimeUtc(_path);
            if (_client is null || stamp != _loadedStamp)
            {
                _client?.Dispose();
                _client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_path));
                _loadedStamp = stamp;
            }

            return _client;
        }
    }

    public static async Task<bool> NamespaceExistsAsync(IKubernetes client, string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public static async Task<V1Secret?> ReadAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Creates the secret, or updates the existing one in place (data and annotation only).</summary>
    public static async Task WriteAsync(IKubernetes client, string ns, string name, IssuedLeaf leaf, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await ReadAsync(client, ns, name, cancellationToken);
            try
            {
                if (existing is null)
                {
                    var secret = new V1Secret
                    {
                        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Annotations = new Dictionary<string, string> { [CertSourceAnnotation] = "ibm" } },
                        Type = IksUnconfirmed.SecretType,
                        Data = Data(leaf),
                    };
                    await client.CoreV1.CreateNamespacedSecretAsync(secret, ns, cancellationToken: cancellationToken);
                }
                else
                {
                    existing.Data = Data(leaf);
                    existing.Metadata.Annotations ??= new Dictionary<string, string>();
                    existing.Metadata.Annotations[CertSourceAnnotation] = "ibm";
                    await client.CoreV1.ReplaceNamespacedSecretAsync(existing, name, ns, cancellationToken: cancellationToken);
                }

                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < 3)
            {
                // Someone changed or created it meanwhile: read again and retry.
            }
        }
    }

    public static async Task DeleteAsync(IKubernetes client, string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.DeleteNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _client?.Dispose();
            _client = null;
        }
    }

    private static Dictionary<string, byte[]> Data(IssuedLeaf leaf) => new()
    {
        ["tls.crt"] = Encoding.ASCII.GetBytes(leaf.ChainPem),
        ["tls.key"] = Encoding.ASCII.GetBytes(leaf.KeyPem),
    };
}
