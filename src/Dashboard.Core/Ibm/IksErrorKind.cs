namespace Dashboard.Core.Ibm;

/// <summary>What kind of failure an IKS or IAM call ended in.</summary>
public enum IksErrorKind
{
    /// <summary>The API key or token was rejected (HTTP 401, or IAM refusing the key).</summary>
    Unauthorized,

    /// <summary>The credential is valid but lacks the IAM role for the action (HTTP 403).</summary>
    Forbidden,

    /// <summary>The cluster, subdomain or secret does not exist or is not visible to this account (HTTP 404).</summary>
    NotFound,

    /// <summary>The request conflicts with what exists (HTTP 409), e.g. an IP already registered.</summary>
    Conflict,

    /// <summary>IBM Cloud throttled the caller (HTTP 429) and retries did not get through.</summary>
    RateLimited,

    /// <summary>IBM Cloud failed (HTTP 5xx) and retries did not help.</summary>
    ServerError,

    /// <summary>The API could not be reached (DNS, connection, TLS).</summary>
    Network,

    /// <summary>The call did not finish within the configured timeouts.</summary>
    Timeout,

    /// <summary>The API answered with something that is not the documented JSON.</summary>
    InvalidResponse,

    /// <summary>The request was refused as malformed (HTTP 400 or another 4xx), or the input was rejected before sending.</summary>
    BadRequest,
}
