using System.Text;

namespace Dashboard.Sandbox.Kubernetes.Server;

/// <summary>Writes the kubeconfig for the simulator: one cluster, user and context, all named <c>sandbox</c>.</summary>
internal static class KubeconfigFile
{
    public const string ContextName = "sandbox";

    public static void Write(string path, Uri server, string caPem, string token)
    {
        var caData = Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem));
        var text = $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - cluster:
                certificate-authority-data: {{caData}}
                server: {{server.GetLeftPart(UriPartial.Authority)}}
              name: {{ContextName}}
            contexts:
            - context:
                cluster: {{ContextName}}
                namespace: default
                user: {{ContextName}}
              name: {{ContextName}}
            current-context: {{ContextName}}
            preferences: {}
            users:
            - name: {{ContextName}}
              user:
                token: {{token}}

            """;
        SecretFiles.WriteAtomic(path, text, secret: true);
    }
}
