using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Server;

/// <summary>
/// SelfSubjectAccessReview (what <c>kubectl auth can-i</c> and permission pre-checks ask): the sandbox's only
/// credential is the cluster administrator's token, so every well-formed question is answered "allowed", as RBAC
/// would answer it for cluster-admin. Nothing is stored.
/// </summary>
internal static class AccessReview
{
    public static JsonObject Answer(JsonObject review)
    {
        var spec = review.Obj("spec");
        var resource = spec.Obj("resourceAttributes");
        var nonResource = spec.Obj("nonResourceAttributes");
        if ((resource is null) == (nonResource is null))
        {
            throw ApiException.Invalid("authorization.k8s.io", "SelfSubjectAccessReview", string.Empty,
                [StatusCause.Invalid("spec.resourceAttributes", "null", "exactly one of nonResourceAttributes or resourceAttributes must be specified")]);
        }

        var answer = (JsonObject)review.DeepClone();
        answer["apiVersion"] = "authorization.k8s.io/v1";
        answer["kind"] = "SelfSubjectAccessReview";
        answer.Metadata()["creationTimestamp"] = null;
        answer["status"] = new JsonObject { ["allowed"] = true, ["reason"] = "the sandbox token is bound to cluster-admin" };
        return answer;
    }
}
