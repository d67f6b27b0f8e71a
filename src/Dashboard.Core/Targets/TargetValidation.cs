using System.Text.RegularExpressions;
using Dashboard.Core.Ibm;
using k8s;

namespace Dashboard.Core.Targets;

/// <summary>What a caller gives to create or change a target. Printing it never shows the key.</summary>
/// <param name="Name">The name (DNS label).</param>
/// <param name="KubeconfigPath">The kubeconfig file (absent with <paramref name="InCluster"/>).</param>
/// <param name="KubeContext">The context; null for the kubeconfig's current one.</param>
/// <param name="InCluster">Use the pod's service account.</param>
/// <param name="IksClusterName">The IKS cluster name or id.</param>
/// <param name="ApiKey">The IBM Cloud API key; null keeps the stored one on update.</param>
public sealed record TargetRequest(string Name, string? KubeconfigPath, string? KubeContext, bool InCluster, string? IksClusterName, string? ApiKey)
{
    /// <inheritdoc />
    public override string ToString() => $"TargetRequest {{ Name = {Name}, KubeconfigPath = {KubeconfigPath}, KubeContext = {KubeContext}, InCluster = {InCluster}, IksClusterName = {IksClusterName}, ApiKey = {(ApiKey is null ? "null" : "***")} }}";
}

/// <summary>Checks target settings and says what is wrong and how to fix it.</summary>
public static partial class TargetValidation
{
    /// <summary>Every problem with <paramref name="request"/>; empty when it is usable.</summary>
    public static IReadOnlyList<string> Problems(TargetRequest request, bool requireApiKeyShape)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        if (!IsDnsLabel(request.Name))
        {
            problems.Add($"The target name '{request.Name}' is not a DNS label: use 1-63 lowercase letters, digits and dashes, starting and ending with a letter or digit (e.g. prod-us-south).");
        }

        if (request.InCluster)
        {
            if (!string.IsNullOrWhiteSpace(request.KubeconfigPath))
            {
                problems.Add("A target uses either the in-cluster service account or a kubeconfig, not both: clear kubeconfigPath or inCluster.");
            }
        }
        else if (string.IsNullOrWhiteSpace(request.KubeconfigPath))
        {
            problems.Add("No kubeconfig path: give the path of a kubeconfig file readable by the dashboard, or set inCluster when the dashboard runs in the cluster.");
        }
        else if (!File.Exists(request.KubeconfigPath))
        {
            problems.Add($"The kubeconfig '{request.KubeconfigPath}' does not exist: give the path of a kubeconfig file readable by the dashboard.");
        }
        else if (ContextProblem(request.KubeconfigPath, request.KubeContext) is { } context)
        {
            problems.Add(context);
        }

        if (request.IksClusterName is { } cluster && (cluster.Length > 253 || cluster.Any(char.IsWhiteSpace)))
        {
            problems.Add($"The IKS cluster name '{cluster}' is not valid: give the name or id as 'ibmcloud ks cluster ls' shows it.");
        }

        if (requireApiKeyShape && request.ApiKey is not null)
        {
            try
            {
                IbmCredential.FromApiKey(request.ApiKey);
            }
            catch (ArgumentException e)
            {
                problems.Add(e.Message.Split(" (Parameter", 2)[0]);
            }
        }

        return problems;
    }

    /// <summary>True for a DNS-1123 label.</summary>
    public static bool IsDnsLabel(string? value) => value is { Length: > 0 and <= 63 } && DnsLabel().IsMatch(value);

    private static string? ContextProblem(string path, string? context)
    {
        try
        {
            var config = KubernetesClientConfiguration.LoadKubeConfig(path);
            if (!string.IsNullOrWhiteSpace(context) && config.Contexts?.Any(c => c.Name == context) != true)
            {
                var known = string.Join(", ", config.Contexts?.Select(c => c.Name) ?? []);
                return $"The kubeconfig '{path}' has no context '{context}' (it has: {known}); pick one of those or leave the context empty for its current context.";
            }

            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"The kubeconfig '{path}' cannot be read ({e.GetType().Name}); check that it is a kubeconfig file (kubectl --kubeconfig {path} config view).";
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
