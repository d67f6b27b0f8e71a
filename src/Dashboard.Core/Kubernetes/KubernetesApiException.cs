using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Autorest;

namespace Dashboard.Core.Kubernetes;

/// <summary>The Kubernetes API refused a request; the message names the object and the API's reason.</summary>
public sealed class KubernetesApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KubernetesApiException(string message, int status, IReadOnlyList<(string Field, string Message)> causes, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        Causes = causes;
    }

    /// <summary>Creates the exception.</summary>
    public KubernetesApiException()
        : this("The Kubernetes API refused the request.", 0, [])
    {
    }

    /// <summary>Creates the exception.</summary>
    public KubernetesApiException(string message)
        : this(message, 0, [])
    {
    }

    /// <summary>Creates the exception.</summary>
    public KubernetesApiException(string message, Exception inner)
        : this(message, 0, [], inner)
    {
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The Status object's causes (field and message), e.g. field-manager conflicts.</summary>
    public IReadOnlyList<(string Field, string Message)> Causes { get; }

    /// <summary>The API's refusal of <paramref name="verb"/> on <paramref name="target"/>, with the Status object's message and causes.</summary>
    internal static KubernetesApiException From(HttpOperationException e, string verb, ObjectRef target)
    {
        var status = (int)e.Response.StatusCode;
        string? reason = null;
        var causes = new List<(string, string)>();
        try
        {
            if (JsonNode.Parse(e.Response.Content ?? "") is JsonObject body)
            {
                reason = body["message"]?.GetValue<string>();
                foreach (var cause in body["details"]?["causes"] as JsonArray ?? [])
                {
                    causes.Add((cause?["field"]?.GetValue<string>() ?? "", cause?["message"]?.GetValue<string>() ?? ""));
                }
            }
        }
        catch (JsonException)
        {
            // Not a Status object: the status code says enough.
        }

        return new KubernetesApiException($"The Kubernetes API refused to {verb} {target}: HTTP {status}{(reason is null ? "" : ": " + reason)}", status, causes, e);
    }
}
