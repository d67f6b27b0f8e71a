using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Controllers;

/// <summary>The <c>pod-template-hash</c> label value: a 32-bit FNV-1a hash of the template, spelled with the safe alphabet.</summary>
internal static class PodTemplateHash
{
    public static string Compute(JsonNode? template)
    {
        uint hash = 2166136261;
        foreach (var b in Encoding.UTF8.GetBytes(template is null ? "null" : JsonText.ToText(template)))
        {
            hash ^= b;
            hash *= 16777619;
        }

        return SafeEncode(hash.ToString(CultureInfo.InvariantCulture));
    }

    private static string SafeEncode(string text)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var chars = text.Select(c => alphabet[c % alphabet.Length]).ToArray();
        return new string(chars);
    }
}
