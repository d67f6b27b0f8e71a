using System.Text.Json.Nodes;

namespace Dashboard.Sandbox.Kubernetes.Api;

/// <summary>A request failure that becomes a <c>kind: Status</c> response, shaped exactly as the real API server's.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, StatusDetails? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public int Code { get; }

    public string Reason { get; }

    public StatusDetails? Details { get; }

    /// <summary>Extra headers (e.g. <c>Retry-After</c>) the response carries.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public JsonObject ToStatus() => StatusObjects.Failure(Code, Reason, Message, Details);

    public static ApiException NotFound(string group, string resource, string name) =>
        new(404, "NotFound", $"{Qualified(group, resource)} {StatusCause.Quote(name)} not found", new StatusDetails(name, group, resource));

    public static ApiException ResourceNotFound() =>
        new(404, "NotFound", "the server could not find the requested resource", new StatusDetails(null, null, null));

    public static ApiException AlreadyExists(string group, string resource, string name) =>
        new(409, "AlreadyExists", $"{Qualified(group, resource)} {StatusCause.Quote(name)} already exists", new StatusDetails(name, group, resource));

    public static ApiException Conflict(string group, string resource, string name, string detail) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(group, resource)} {StatusCause.Quote(name)}: {detail}", new StatusDetails(name, group, resource));

    public static ApiException ConflictOnModified(string group, string resource, string name) =>
        Conflict(group, resource, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiException Invalid(string group, string kind, string name, IReadOnlyList<StatusCause> causes)
    {
        var qualifiedKind = group.Length == 0 ? kind : $"{kind}.{group}";
        var text = causes.Count == 1 ? causes[0].Describe() : "[" + string.Join(", ", causes.Select(c => c.Describe())) + "]";
        return new ApiException(422, "Invalid", $"{qualifiedKind} {StatusCause.Quote(name)} is invalid: {text}", new StatusDetails(name, group, null, kind, causes));
    }

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static ApiException Forbidden(string group, string resource, string name, string detail) =>
        new(403, "Forbidden", $"{Qualified(group, resource)} {StatusCause.Quote(name)} is forbidden: {detail}", new StatusDetails(name, group, resource));

    public static ApiException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", new StatusDetails(null, null, null));

    public static ApiException NotAcceptable(string accepted) =>
        new(406, "NotAcceptable", $"only the following media types are accepted: {accepted}");

    public static ApiException UnsupportedMediaType(string contentType, IEnumerable<string> accepted) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}", new StatusDetails(null, null, null) { ContentType = contentType });

    public static ApiException Expired(string message) => new(410, "Expired", message);

    public static ApiException TooLarge(string message) => new(413, "RequestEntityTooLarge", message);

    public static ApiException Internal(string message) => new(500, "InternalError", message);

    internal static string Qualified(string group, string resource) => group.Length == 0 ? resource : $"{resource}.{group}";
}

/// <summary><c>Status.details</c>.</summary>
internal sealed record StatusDetails(string? Name, string? Group, string? Resource, string? Kind = null, IReadOnlyList<StatusCause>? Causes = null)
{
    public string? ContentType { get; init; }
}
