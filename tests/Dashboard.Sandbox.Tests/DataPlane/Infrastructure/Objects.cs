using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Testing;
using Dashboard.Testing.Certificates;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Dashboard.Sandbox.Tests.DataPlane.Infrastructure;

/// <summary>
/// The seed's objects, written by hand through KubernetesClient (not by the dashboard's setup steps): secrets,
/// httpbin, Gateways, VirtualServices, Ingresses, and the kubectl actions the seed performs.
/// </summary>
internal static class Objects
{
    public const string IstioSystem = "istio-system";

    public static Dictionary<string, byte[]> TlsData(TestCredential credential, bool withRoot = false) => new()
    {
        ["tls.crt"] = Encoding.ASCII.GetBytes(withRoot ? credential.ChainWithRootPem : credential.ChainPem),
        ["tls.key"] = Encoding.ASCII.GetBytes(credential.KeyPem(KeyFormat(credential))),
    };

    /// <summary>PKCS#1 for RSA keys (as IKS stores them), PKCS#8 otherwise.</summary>
    public static TestKeyFormat KeyFormat(TestCredential credential) =>
        credential.Leaf.Key is System.Security.Cryptography.RSA ? TestKeyFormat.Pkcs1 : TestKeyFormat.Pkcs8;

    public static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>Creates the secret, or replaces its data when it exists (<c>kubectl apply</c>).</summary>
    public static async Task CreateSecretAsync(IKubernetes client, string ns, string name, IDictionary<string, byte[]> data, string type = "Opaque")
    {
        var secret = new V1Secret { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns }, Type = type, Data = data };
        try
        {
            await client.CoreV1.CreateNamespacedSecretAsync(secret, ns);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.Conflict)
        {
            var current = await client.CoreV1.ReadNamespacedSecretAsync(name, ns);
            current.Data = data;
            await client.CoreV1.ReplaceNamespacedSecretAsync(current, name, ns);
        }
    }

    /// <summary>Namespace with Istio injection, and httpbin as in <c>samples/httpbin/httpbin.yaml</c>; waits until it is available.</summary>
    public static async Task DeployHttpbinAsync(IKubernetes client, string ns)
    {
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns, Labels = new Dictionary<string, string> { ["istio-injection"] = "enabled" } } });
        await client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "httpbin" } }, ns);
        await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "httpbin", Labels = new Dictionary<string, string> { ["app"] = "httpbin", ["service"] = "httpbin" } },
            Spec = new V1ServiceSpec
            {
                Ports = [new V1ServicePort { Name = "http", Port = 8000, TargetPort = 8080 }],
                Selector = new Dictionary<string, string> { ["app"] = "httpbin" },
            },
        }, ns);
        var labels = new Dictionary<string, string> { ["app"] = "httpbin", ["version"] = "v1" };
        await client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "httpbin" },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = "httpbin",
                        Containers = [new V1Container { Name = "httpbin", Image = "docker.io/mccutchen/go-httpbin:v2.15.0", Ports = [new V1ContainerPort { ContainerPort = 8080 }] }],
                    },
                },
            },
        }, ns);
        await WaitForAvailableAsync(client, ns, "httpbin", replicas: 1);
    }

    public static async Task ScaleAsync(IKubernetes client, string ns, string name, int replicas)
    {
        var patch = new V1Patch("{\"spec\":{\"replicas\":" + replicas.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}", V1Patch.PatchType.MergePatch);
        await client.AppsV1.PatchNamespacedDeploymentAsync(patch, name, ns);
        await WaitForAvailableAsync(client, ns, name, replicas);
    }

    public static Task WaitForAvailableAsync(IKubernetes client, string ns, string name, int replicas) =>
        Poll.UntilAsync(
            () => client.AppsV1.ReadNamespacedDeploymentAsync(name, ns),
            d => (d.Status?.AvailableReplicas ?? 0) == replicas && (d.Status?.Replicas ?? 0) == replicas,
            $"deployment {ns}/{name} has {replicas} available replica(s)");

    /// <summary><c>kubectl delete pod -l istio=ingressgateway -n istio-system</c>, then waits for the data plane to see the new pods Ready.</summary>
    public static async Task RestartGatewayAsync(IKubernetes client, Dashboard.Sandbox.DataPlane.SandboxDataPlane plane)
    {
        var generation = plane.Describe().Gateway.Generation;
        await client.CoreV1.DeleteCollectionNamespacedPodAsync(IstioSystem, labelSelector: "istio=ingressgateway");
        await Poll.UntilAsync(() => plane.Describe().Gateway.Generation > generation, "the gateway pods restarted and became Ready");
    }

    public static async Task ApplyIstioAsync(IKubernetes client, string version, string plural, string ns, JsonObject body)
    {
        var name = body["metadata"]!["name"]!.GetValue<string>();
        body["metadata"]!["namespace"] = ns;
        try
        {
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(body, "networking.istio.io", version, ns, plural);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.Conflict)
        {
            var patch = new V1Patch(new JsonObject { ["spec"] = body["spec"]!.DeepClone() }.ToJsonString(), V1Patch.PatchType.MergePatch);
            await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, "networking.istio.io", version, ns, plural, name);
        }
    }

    public static JsonObject Gateway(string version, string name, string[] hosts, JsonObject tls) => new()
    {
        ["apiVersion"] = "networking.istio.io/" + version,
        ["kind"] = "Gateway",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["selector"] = new JsonObject { ["istio"] = "ingressgateway" },
            ["servers"] = new JsonArray(new JsonObject
            {
                ["port"] = new JsonObject { ["number"] = 443, ["name"] = "https", ["protocol"] = "HTTPS" },
                ["tls"] = tls,
                ["hosts"] = new JsonArray([.. hosts.Select(h => (JsonNode?)h)]),
            }),
        },
    };

    public static JsonObject CredentialTls(string mode, string credentialName) => new() { ["mode"] = mode, ["credentialName"] = credentialName };

    public static JsonObject FileTls(string mode, string caFile) => new()
    {
        ["mode"] = mode,
        ["serverCertificate"] = "/etc/istio/ingressgateway-certs/tls.crt",
        ["privateKey"] = "/etc/istio/ingressgateway-certs/tls.key",
        ["caCertificates"] = "/etc/istio/ingressgateway-ca-certs/" + caFile,
    };

    public static JsonObject VirtualService(string version, string name, string[] hosts, string[] gateways, string prefix, string destination) => new()
    {
        ["apiVersion"] = "networking.istio.io/" + version,
        ["kind"] = "VirtualService",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["hosts"] = new JsonArray([.. hosts.Select(h => (JsonNode?)h)]),
            ["gateways"] = new JsonArray([.. gateways.Select(g => (JsonNode?)g)]),
            ["http"] = new JsonArray(new JsonObject
            {
                ["match"] = new JsonArray(new JsonObject { ["uri"] = new JsonObject { ["prefix"] = prefix } }),
                ["route"] = new JsonArray(new JsonObject
                {
                    ["destination"] = new JsonObject { ["port"] = new JsonObject { ["number"] = 8000 }, ["host"] = destination },
                }),
            }),
        },
    };

    /// <summary>An Ingress forwarding <c>/status</c> on <paramref name="host"/> to the gateway's port 443.</summary>
    public static V1Ingress Ingress(string name, string host, IDictionary<string, string> annotations, string? className, string pathType = "Prefix") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = IstioSystem, Annotations = annotations },
        Spec = new V1IngressSpec
        {
            IngressClassName = className,
            Tls = [new V1IngressTLS { Hosts = [host], SecretName = SandboxCluster.AlbSecretName }],
            Rules =
            [
                new V1IngressRule
                {
                    Host = host,
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths = [new V1HTTPIngressPath { Path = "/status", PathType = pathType, Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "istio-ingressgateway", Port = new V1ServiceBackendPort { Number = 443 } } } }],
                    },
                },
            ],
        },
    };

    public static async Task ApplyIngressAsync(IKubernetes client, V1Ingress ingress)
    {
        try
        {
            await client.NetworkingV1.CreateNamespacedIngressAsync(ingress, ingress.Metadata.NamespaceProperty);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.Conflict)
        {
            var current = await client.NetworkingV1.ReadNamespacedIngressAsync(ingress.Metadata.Name, ingress.Metadata.NamespaceProperty);
            current.Metadata.Annotations = ingress.Metadata.Annotations;
            current.Spec = ingress.Spec;
            await client.NetworkingV1.ReplaceNamespacedIngressAsync(current, ingress.Metadata.Name, ingress.Metadata.NamespaceProperty);
        }
    }
}
