using Dashboard.Core.Ibm.Http;

namespace Dashboard.Core.Ibm.Iam;

/// <summary>The wording of IAM token-exchange failures.</summary>
internal static class IamErrors
{
    /// <summary>IAM's answer when it does not know the key (HTTP 400): "Provided API key could not be found."</summary>
    public const string UnknownApiKey = "BXNIM0415E";

    public static IksError FromResponse(int status, IamErrorBody? body, TimeSpan? retryAfter, int attempts)
    {
        var operation = IamTokenClient.Operation;
        var said = body?.ErrorCode is { } code ? $" IAM says: \"{body.ErrorMessage}\" ({code})." : string.Empty;
        var (kind, message, remedy) = (status, body?.ErrorCode) switch
        {
            (400, UnknownApiKey) or (401, _) or (403, _) => (IksErrorKind.Unauthorized,
                $"IAM did not accept the API key (HTTP {status}): it does not exist, was deleted, or is locked or disabled.",
                "Create a new API key with 'ibmcloud iam api-key-create <name>' for a user or service ID with access to the cluster, and update the target's API key."),
            (429, _) => (IksErrorKind.RateLimited,
                $"IAM rate-limited the token request (HTTP 429){(attempts > 1 ? $" after {attempts} attempts" : string.Empty)}.",
                $"Wait {(retryAfter is { } wait ? IksErrors.Describe(wait) : "a minute")} and try again."),
            ( >= 500, _) => (IksErrorKind.ServerError,
                $"IAM could not issue a token (HTTP {status}){(attempts > 1 ? $" after {attempts} attempts" : string.Empty)}.",
                "This is on IBM's side: try again later and check https://cloud.ibm.com/status."),
            _ => (IksErrorKind.BadRequest,
                $"IAM refused the token request (HTTP {status}).",
                "Check Ibm:IamTokenUrl (https://iam.cloud.ibm.com/identity/token); nothing was changed."),
        };

        return new IksError(kind, operation, status, message + said, remedy)
        {
            Code = body?.ErrorCode,
            Description = body?.ErrorMessage,
            RetryAfter = retryAfter,
            Attempts = attempts,
        };
    }
}
