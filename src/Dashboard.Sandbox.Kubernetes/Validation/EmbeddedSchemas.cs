namespace Dashboard.Sandbox.Kubernetes.Validation;

/// <summary>The schema data files shipped inside this assembly (see Schemas/SOURCES.md).</summary>
internal static class EmbeddedSchemas
{
    /// <summary>OpenAPI v3 document file per group/version path segment as the real server names them in <c>/openapi/v3</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> OpenApiV3Files = new Dictionary<string, string>
    {
        ["api/v1"] = "k8s-openapi-v3-api__v1_openapi.json",
        ["apis/apps/v1"] = "k8s-openapi-v3-apis__apps__v1_openapi.json",
        ["apis/networking.k8s.io/v1"] = "k8s-openapi-v3-apis__networking.k8s.io__v1_openapi.json",
    };

    public const string IstioCrds = "istio-crds.yaml";

    public static byte[] ReadBytes(string file)
    {
        using var stream = typeof(EmbeddedSchemas).Assembly.GetManifestResourceStream("Schemas." + file)
            ?? throw new InvalidOperationException($"Embedded schema file {file} is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static string ReadText(string file) => System.Text.Encoding.UTF8.GetString(ReadBytes(file));
}
