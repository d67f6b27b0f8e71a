using Dashboard.Sandbox.Kubernetes.Api;

namespace Dashboard.Sandbox.Kubernetes.Patching;

/// <summary>The failures the API server reports for patches it cannot apply.</summary>
internal static class PatchErrors
{
    /// <summary>A well-formed patch that does not apply to the object (422, as <c>NewGenericServerResponse</c>).</summary>
    public static ApiException CannotApply(string detail) =>
        new(422, "Invalid", "the server rejected our request due to an error in our request",
            new StatusDetails(null, null, null, null, [new StatusCause("UnexpectedServerResponse", detail, string.Empty)]));

    public static ApiException Malformed(string detail) => ApiException.BadRequest(detail);
}
