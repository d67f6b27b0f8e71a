using System.Text.Json.Nodes;

namespace Dashboard.Sandbox.Kubernetes.Patching;

/// <summary>Converts between path sets and the <c>fieldsV1</c> trie stored in <c>metadata.managedFields</c>.</summary>
internal static class FieldsV1
{
    public static JsonObject ToTrie(IEnumerable<string> paths)
    {
        var root = new JsonObject();

        // Sorted order puts a path before its children, so an existing empty node met on the way down is an
        // owned path that now also has owned children: it keeps its ownership as a "." entry.
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            var segments = path.Split(FieldPaths.Separator);
            for (var i = 0; i < segments.Length; i++)
            {
                if (node[segments[i]] is not JsonObject child)
                {
                    child = [];
                    node[segments[i]] = child;
                }
                else if (i < segments.Length - 1 && child.Count == 0)
                {
                    child["."] = new JsonObject();
                }

                node = child;
            }
        }

        return root;
    }

    public static HashSet<string> FromTrie(JsonObject? trie)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (trie is not null)
        {
            Walk(trie, string.Empty, set);
        }

        return set;
    }

    private static void Walk(JsonObject node, string prefix, HashSet<string> set)
    {
        foreach (var (segment, child) in node)
        {
            if (segment == ".")
            {
                set.Add(prefix);
                continue;
            }

            var path = prefix.Length == 0 ? segment : prefix + FieldPaths.Separator + segment;
            if (child is JsonObject { Count: > 0 } inner)
            {
                Walk(inner, path, set);
            }
            else
            {
                set.Add(path);
            }
        }
    }
}
