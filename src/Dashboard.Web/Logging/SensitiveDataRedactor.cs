using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Dashboard.Web.Logging;

/// <summary>
/// The last line of defence for secrets in logs: replaces the values of properties whose names say they hold a
/// secret (password, token, secret, api key, private key, authorization, cookie) and cuts PEM private-key blocks and
/// bearer tokens out of any string value, however deeply nested. Code should not log secrets in the first place;
/// this catches what slips through, including values from libraries.
/// </summary>
public sealed partial class SensitiveDataRedactor : ILogEventEnricher
{
    public const string Mask = "***";

    private static readonly HashSet<string> s_sensitiveLastWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "pwd", "secret", "token", "key", "apikey", "credential", "credentials", "authorization", "cookie", "passphrase",
    };

    // A property that names or describes a secret (its name, namespace, id, status, path…) is not the secret:
    // "SecretName" = "default/alb-certs" is what an operator needs to read.
    private static readonly HashSet<string> s_describingLastWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "name", "names", "namespace", "id", "ids", "ref", "count", "prefix", "kind", "type", "status", "path", "file", "source", "length",
        "expiry", "expires", "at", "version", "owner", "purpose",
    };

    // "SecretValue", "token_data": a sensitive word followed by one that means "its content".
    private static readonly HashSet<string> s_contentLastWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "value", "values", "data", "text", "content", "pem", "material", "bytes", "plain", "plaintext",
    };

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        List<LogEventProperty>? replacements = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var redacted = Redact(name, value);
            if (!ReferenceEquals(redacted, value))
            {
                (replacements ??= []).Add(new LogEventProperty(name, redacted));
            }
        }

        foreach (var property in replacements ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>True when a property name says its value is a secret, e.g. <c>ApiKey</c>, <c>client_secret</c>, <c>AccessToken</c>.</summary>
    public static bool IsSensitiveName(string name)
    {
        var words = WordBoundary().Split(name).Where(w => w.Length > 0).ToArray();
        if (words.Length == 0)
        {
            return false;
        }

        if (s_describingLastWords.Contains(words[^1]))
        {
            return false;
        }

        var joined = string.Concat(words);
        return s_sensitiveLastWords.Contains(words[^1])
            || (s_contentLastWords.Contains(words[^1]) && words.Any(s_sensitiveLastWords.Contains))
            || joined.Contains("password", StringComparison.OrdinalIgnoreCase)
            || joined.Contains("apikey", StringComparison.OrdinalIgnoreCase)
            || joined.Contains("privatekey", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Removes private-key PEM blocks and bearer tokens from free text.</summary>
    public static string RedactText(string text)
    {
        if (text.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            text = PemPrivateKey().Replace(text, "-----" + Mask + " PRIVATE KEY " + Mask + "-----");
        }

        if (text.Contains("earer ", StringComparison.OrdinalIgnoreCase))
        {
            text = BearerToken().Replace(text, "Bearer " + Mask);
        }

        return text;
    }

    private static LogEventPropertyValue Redact(string name, LogEventPropertyValue value)
    {
        if (IsSensitiveName(name))
        {
            return value is ScalarValue { Value: null } ? value : new ScalarValue(Mask);
        }

        return Redact(value);
    }

    private static LogEventPropertyValue Redact(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string s }:
                var cleaned = RedactText(s);
                return ReferenceEquals(cleaned, s) || cleaned == s ? value : new ScalarValue(cleaned);
            case StructureValue structure:
                var props = structure.Properties.Select(p => new LogEventProperty(p.Name, Redact(p.Name, p.Value))).ToList();
                return props.Zip(structure.Properties).All(x => ReferenceEquals(x.First.Value, x.Second.Value))
                    ? value
                    : new StructureValue(props, structure.TypeTag);
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(Redact).ToList();
                return elements.Zip(sequence.Elements).All(x => ReferenceEquals(x.First, x.Second)) ? value : new SequenceValue(elements);
            case DictionaryValue dictionary:
                var entries = dictionary.Elements.Select(kv => new KeyValuePair<ScalarValue, LogEventPropertyValue>(
                    kv.Key, kv.Key.Value is string key ? Redact(key, kv.Value) : Redact(kv.Value))).ToList();
                return entries.Zip(dictionary.Elements).All(x => ReferenceEquals(x.First.Value, x.Second.Value)) ? value : new DictionaryValue(entries);
            default:
                return value;
        }
    }

    // Splits "ApiKey", "api_key", "api-key", "client.secret" into words.
    [GeneratedRegex(@"[_\-.\s:]+|(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex WordBoundary();

    // A whole block, or from a BEGIN line to the end of the text when the block is truncated.
    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)")]
    private static partial Regex PemPrivateKey();

    [GeneratedRegex(@"(?i)bearer\s+[A-Za-z0-9._~+/=\-]+")]
    private static partial Regex BearerToken();
}
