using System.Text.Json.Nodes;

namespace Dashboard.Core.Setup.Ownership;

/// <summary>
/// How written objects are marked. Objects the setup creates carry <c>app.kubernetes.io/managed-by</c> and the setup
/// id label, which is what makes them the dashboard's. A pre-existing object the setup only changed (e.g. the
/// <c>httptools</c> namespace, labelled for sidecar injection) gets the setup id as an annotation but not the
/// managed-by label: it stays its owner's, and cleanup restores it instead of deleting it.
/// </summary>
public static class OwnershipLabels
{
    /// <summary>The managed-by label.</summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    /// <summary>Its value.</summary>
    public const string ManagedByValue = "iks-istio-mtls-dashboard";

    /// <summary>The label (created objects) or annotation (changed pre-existing objects) carrying the setup id.</summary>
    public const string SetupId = "iks-istio-mtls-dashboard/setup-id";

    /// <summary>Adds the managed-by label and the setup id label to a manifest the setup creates.</summary>
    public static JsonObject MarkCreated(JsonObject manifest, string setupId)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var metadata = manifest["metadata"] as JsonObject ?? throw new ArgumentException("The manifest has no metadata.", nameof(manifest));
        var labels = metadata["labels"] as JsonObject ?? new JsonObject();
        labels[ManagedBy] = ManagedByValue;
        labels[SetupId] = setupId;
        metadata["labels"] = labels;
        return manifest;
    }

    /// <summary>Adds the setup id annotation to a manifest that changes a pre-existing object.</summary>
    public static JsonObject MarkTouched(JsonObject manifest, string setupId)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var metadata = manifest["metadata"] as JsonObject ?? throw new ArgumentException("The manifest has no metadata.", nameof(manifest));
        var annotations = metadata["annotations"] as JsonObject ?? new JsonObject();
        annotations[SetupId] = setupId;
        metadata["annotations"] = annotations;
        return manifest;
    }

    /// <summary>True when the live object was created by the dashboard (any setup).</summary>
    public static bool IsManaged(JsonObject? live) =>
        live?["metadata"]?["labels"]?[ManagedBy]?.GetValue<string>() == ManagedByValue;

    /// <summary>The setup id the live object was created by, if any.</summary>
    public static string? CreatedBySetup(JsonObject? live) => IsManaged(live) ? live?["metadata"]?["labels"]?[SetupId]?.GetValue<string>() : null;
}
