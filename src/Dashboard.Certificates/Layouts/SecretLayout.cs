using System.Text;

namespace Dashboard.Certificates.Layouts;

/// <summary>The Kubernetes secret types the layouts produce, spelled exactly as the API expects.</summary>
public static class SecretTypes
{
    /// <summary><c>kubernetes.io/tls</c>: the API server requires non-empty <c>tls.crt</c> and <c>tls.key</c>; other keys may be added.</summary>
    public const string Tls = "kubernetes.io/tls";

    /// <summary><c>Opaque</c>: a generic secret (<c>kubectl create secret generic</c>).</summary>
    public const string Opaque = "Opaque";
}

/// <summary>
/// The content of one secret, as data: its type and its data map (values are the raw bytes, not base64; every
/// PEM value is UTF-8 text with LF line endings and a final newline). The name and namespace are the caller's.
/// </summary>
/// <param name="Type">The secret type (<see cref="SecretTypes"/>).</param>
/// <param name="Data">Data key → value bytes.</param>
public sealed record SecretLayout(string Type, IReadOnlyDictionary<string, byte[]> Data)
{
    /// <summary>A value as text.</summary>
    public string GetText(string key) => Encoding.UTF8.GetString(Data[key]);

    /// <summary>Type and keys with sizes; values are never printed (one of them is a private key).</summary>
    public override string ToString() =>
        $"{Type} {{ {string.Join(", ", Data.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}: {d.Value.Length} bytes"))} }}";

    internal static SecretLayout Create(string type, params (string Key, string Value)[] entries) =>
        new(type, entries.ToDictionary(e => e.Key, e => Encoding.UTF8.GetBytes(e.Value), StringComparer.Ordinal));
}

/// <summary>What an assembler returns: the value when every input was valid, otherwise the problems and no value.</summary>
/// <typeparam name="T">The assembled value.</typeparam>
/// <param name="Value">The assembled value, or null when any error-severity problem exists.</param>
/// <param name="Problems">Problems carried over from the inputs (errors and warnings) and found by the assembler.</param>
public sealed record LayoutResult<T>(T? Value, IReadOnlyList<CertificateProblem> Problems)
    where T : class
{
    /// <summary>True when a value was assembled.</summary>
    public bool Succeeded => Value is not null;
}
