using System.Net.Sockets;
using Dashboard.Core.Ibm.Models;

namespace Dashboard.Core.Ibm.Http;

/// <summary>The wording of every IKS failure: what happened and what to do. One place, so messages stay consistent.</summary>
internal static class IksErrors
{
    public static IksError FromResponse(IksCall call, int status, IksErrorBody? body, TimeSpan? retryAfter, int attempts)
    {
        var target = $"cluster '{call.Cluster}'";
        var (kind, message, remedy) = status switch
        {
            401 => (IksErrorKind.Unauthorized,
                $"IBM Cloud did not accept the credentials to {call.Operation} for {target} (HTTP 401): the API key is invalid, expired or revoked, or its IAM token is no longer valid.",
                "Check the target's API key; if it was deleted or rotated, create a new one with 'ibmcloud iam api-key-create <name>' for a user or service ID with access to the cluster and update the target."),
            403 => (IksErrorKind.Forbidden,
                $"The API key's identity lacks the IAM '{call.RequiredRole}' platform access role on {target}, which '{call.Operation}' requires (HTTP 403).",
                $"Ask an account administrator to assign the {call.RequiredRole} platform role for Kubernetes Service on {target}, e.g. 'ibmcloud iam user-policy-create <user> --roles {call.RequiredRole} --service-name containers-kubernetes --service-instance <cluster ID>' (service-id-policy-create for a service ID)."),
            404 when call.ClusterIsTheOnlyResource || body?.Code == "G0004" => (IksErrorKind.NotFound,
                $"Cluster '{call.Cluster}' was not found in the API key's account (HTTP 404).",
                "Check the cluster name or ID with 'ibmcloud ks cluster ls', and that the API key belongs to the account (and can see the resource group) that owns the cluster."),
            404 => (IksErrorKind.NotFound,
                $"IKS found nothing to {call.Operation} on {target} (HTTP 404).",
                $"List the cluster's subdomains and their secrets with 'ibmcloud ks nlb-dns ls --cluster {call.Cluster}' and use one of those."),
            409 => (IksErrorKind.Conflict,
                $"IKS refused to {call.Operation} for {target} because it conflicts with what exists (HTTP 409).",
                $"List the existing registrations with 'ibmcloud ks nlb-dns ls --cluster {call.Cluster}'; reuse the one that already holds the address."),
            429 => (IksErrorKind.RateLimited,
                $"IBM Cloud rate-limited the request to {call.Operation} for {target} (HTTP 429){AttemptsText(attempts)}.",
                $"Wait {(retryAfter is { } wait ? Describe(wait) : "a minute")} and try again; poll less often if this repeats."),
            >= 500 => (IksErrorKind.ServerError,
                $"IKS failed to {call.Operation} for {target} (HTTP {status}){AttemptsText(attempts)}.",
                $"This is on IBM's side: try again later; if it persists, check https://cloud.ibm.com/status and open a support case{(body?.IncidentId is { } id ? $" quoting incident ID {id}" : string.Empty)}."),
            _ => (IksErrorKind.BadRequest,
                $"IKS refused the request to {call.Operation} for {target} as invalid (HTTP {status}).",
                "Check the values named in IBM's description; nothing was changed."),
        };

        if (!string.IsNullOrWhiteSpace(body?.Description))
        {
            message += $" IBM says: \"{body.Description}\"{(body.Code is { } code ? $" ({code})" : string.Empty)}.";
        }

        if (!string.IsNullOrWhiteSpace(body?.RecoveryCli))
        {
            remedy += $" IBM suggests: {body.RecoveryCli}";
        }

        return new IksError(kind, call.Operation, status, message, remedy)
        {
            Code = body?.Code,
            Description = body?.Description,
            Type = body?.Type,
            RecoveryCli = body?.RecoveryCli,
            IncidentId = body?.IncidentId,
            RetryAfter = retryAfter,
            Attempts = attempts,
        };
    }

    public static IksError Network(string operation, Uri endpoint, HttpRequestException error, int attempts) => new(
        IksErrorKind.Network,
        operation,
        null,
        $"Could not reach {endpoint.GetLeftPart(UriPartial.Authority)} to {operation}{AttemptsText(attempts)}: {Describe(error)}.",
        "Check the network path and proxy settings to IBM Cloud, and Ibm:ApiBaseUrl / Ibm:IamTokenUrl.")
    {
        Attempts = attempts,
    };

    public static IksError Timeout(string operation, Uri endpoint, int attempts) => new(
        IksErrorKind.Timeout,
        operation,
        null,
        $"{endpoint.GetLeftPart(UriPartial.Authority)} did not answer the request to {operation} in time{AttemptsText(attempts)}.",
        "IBM Cloud may be slow or unreachable: try again later, or raise Ibm:AttemptTimeout / Ibm:TotalTimeout.")
    {
        Attempts = attempts,
    };

    public static IksError InvalidResponse(string operation, int status, string problem) => new(
        IksErrorKind.InvalidResponse,
        operation,
        status,
        $"The answer to {operation} (HTTP {status}) is not the documented JSON: {problem}.",
        "Check that Ibm:ApiBaseUrl points at the IKS API (https://containers.cloud.ibm.com/global) and not at a proxy or another service.");

    public static IksError InvalidInput(string operation, string problem, string fix) => new(IksErrorKind.BadRequest, operation, null, problem, fix + " Nothing was sent to IBM Cloud.");

    public static string Describe(TimeSpan wait) =>
        wait < TimeSpan.FromMinutes(2) ? $"{Math.Ceiling(wait.TotalSeconds)} seconds" : $"{Math.Ceiling(wait.TotalMinutes)} minutes";

    private static string AttemptsText(int attempts) => attempts > 1 ? $" after {attempts} attempts" : string.Empty;

    private static string Describe(HttpRequestException error) => error.InnerException switch
    {
        SocketException socket => $"{socket.SocketErrorCode} ({socket.Message})",
        { } inner => inner.Message,
        _ => error.Message,
    };
}
