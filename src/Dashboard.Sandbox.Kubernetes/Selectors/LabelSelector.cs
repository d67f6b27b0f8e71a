using Dashboard.Sandbox.Kubernetes.Api;

namespace Dashboard.Sandbox.Kubernetes.Selectors;

/// <summary>A parsed label selector (equality- and set-based), with the API server's parse errors.</summary>
internal sealed class LabelSelector
{
    private readonly IReadOnlyList<Requirement> _requirements;

    private LabelSelector(IReadOnlyList<Requirement> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool IsEverything => _requirements.Count == 0;

    /// <summary>Whether a label set satisfies every requirement.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r.Matches(labels));

    /// <summary>Parses the <c>labelSelector</c> query parameter; throws a 400 the way the real server does.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<Requirement>();
        foreach (var part in SplitTopLevel(text))
        {
            requirements.Add(ParseRequirement(part.Trim(), text));
        }

        return new LabelSelector(requirements);
    }

    /// <summary>Builds a selector from a <c>LabelSelector</c> object's <c>matchLabels</c> (used by controllers).</summary>
    public static LabelSelector FromMatchLabels(IReadOnlyDictionary<string, string> matchLabels) =>
        new(matchLabels.Select(kv => new Requirement(kv.Key, Operator.Equals, [kv.Value])).ToList());

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private static Requirement ParseRequirement(string part, string whole)
    {
        if (part.Length == 0)
        {
            throw Error(whole, "found '', expected: identifier");
        }

        if (part.StartsWith('!'))
        {
            return new Requirement(Key(part[1..].Trim(), whole), Operator.DoesNotExist, []);
        }

        foreach (var (token, op) in new[] { ("!=", Operator.NotEquals), ("==", Operator.Equals), ("=", Operator.Equals) })
        {
            var index = part.IndexOf(token, StringComparison.Ordinal);
            if (index > 0)
            {
                var value = part[(index + token.Length)..].Trim();
                return new Requirement(Key(part[..index].Trim(), whole), op, [Value(value, whole)]);
            }
        }

        var words = part.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 2)
        {
            var rest = words[1];
            var setOp = rest.StartsWith("notin", StringComparison.Ordinal) ? Operator.NotIn
                : rest.StartsWith("in", StringComparison.Ordinal) ? Operator.In
                : throw Error(whole, $"found '{rest}', expected: in, notin, =, ==, !=, gt, lt");
            var list = rest[(setOp == Operator.In ? 2 : 5)..].Trim();
            if (!list.StartsWith('(') || !list.EndsWith(')'))
            {
                throw Error(whole, $"found '{list}', expected: '('");
            }

            var values = list[1..^1].Split(',', StringSplitOptions.TrimEntries).Select(v => Value(v, whole)).ToList();
            return new Requirement(Key(words[0], whole), setOp, values);
        }

        return new Requirement(Key(part, whole), Operator.Exists, []);
    }

    private static string Key(string key, string whole)
    {
        if (LabelRules.ValidateQualifiedName(key) is { } problem)
        {
            throw Error(whole, $"key: Invalid value: \"{key}\": {problem}");
        }

        return key;
    }

    private static string Value(string value, string whole)
    {
        if (LabelRules.ValidateLabelValue(value) is { } problem)
        {
            throw Error(whole, $"values[0][{value}]: Invalid value: \"{value}\": {problem}");
        }

        return value;
    }

    private static ApiException Error(string whole, string detail) =>
        ApiException.BadRequest($"unable to parse requirement: {detail}");

    private enum Operator
    {
        Equals,
        NotEquals,
        In,
        NotIn,
        Exists,
        DoesNotExist,
    }

    private sealed record Requirement(string Key, Operator Op, IReadOnlyList<string> Values)
    {
        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var has = labels.TryGetValue(Key, out var value);
            return Op switch
            {
                Operator.Equals or Operator.In => has && Values.Contains(value!),
                Operator.NotEquals or Operator.NotIn => !has || !Values.Contains(value!),
                Operator.Exists => has,
                Operator.DoesNotExist => !has,
                _ => false,
            };
        }
    }
}
