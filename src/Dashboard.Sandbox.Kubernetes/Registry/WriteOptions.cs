using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Storage;

namespace Dashboard.Sandbox.Kubernetes.Registry;

/// <summary>How to treat fields the schema does not know (the <c>fieldValidation</c> query parameter).</summary>
internal enum FieldValidation
{
    Ignore,
    Warn,
    Strict,
}

/// <summary>Options common to create, update, patch and delete requests.</summary>
internal sealed record WriteOptions
{
    public static WriteOptions Internal(string manager) => new() { FieldManager = manager, FieldValidation = FieldValidation.Strict };

    public bool DryRun { get; init; }

    public FieldValidation FieldValidation { get; init; } = FieldValidation.Warn;

    /// <summary>The field manager recorded in managedFields; required for apply.</summary>
    public string? FieldManager { get; init; }

    public bool Force { get; init; }

    public string? Subresource { get; init; }

    /// <summary>The body already carries the managedFields to store (server-side apply computed them).</summary>
    public bool ManagedFieldsSet { get; init; }

    /// <summary>A write by the simulated controllers, which may change what users may not (e.g. bind a pod to a node).</summary>
    public bool System { get; init; }
}

/// <summary>The outcome of a write: the object as stored (storage version) and warnings for the client.</summary>
internal sealed record WriteResult(JsonObject Object, IReadOnlyList<string> Warnings, bool Created)
{
    public StoredObject? Stored { get; init; }

    /// <summary>Whether <see cref="Object"/> is exactly what <see cref="Stored"/> holds (not a dry run or a tombstone).</summary>
    public bool IsStored { get; init; }
}

/// <summary>Delete options from the body or query.</summary>
internal sealed record DeleteRequest
{
    public bool DryRun { get; init; }

    public long? GracePeriodSeconds { get; init; }

    public string? PropagationPolicy { get; init; }

    public string? PreconditionUid { get; init; }

    public string? PreconditionResourceVersion { get; init; }
}

/// <summary>The outcome of a delete: the final object and whether it is gone already (or only marked for deletion).</summary>
internal sealed record DeleteResult(JsonObject Object, bool Deleted);
