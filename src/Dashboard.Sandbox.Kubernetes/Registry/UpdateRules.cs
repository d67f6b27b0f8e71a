using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Api;
using Dashboard.Sandbox.Kubernetes.Json;

namespace Dashboard.Sandbox.Kubernetes.Registry;

/// <summary>What an update may not change (ValidateXUpdate in the API server).</summary>
internal static class UpdateRules
{
    private static readonly string[] s_dataFields = ["data", "binaryData"];
    private static readonly string[] s_crdImmutable = ["group", "scope"];

    public static void Validate(string kind, JsonObject previous, JsonObject updated, List<StatusCause> causes)
    {
        switch (kind)
        {
            case "Secret" or "ConfigMap":
                if (previous.Bool("immutable") == true)
                {
                    if (updated.Bool("immutable") != true)
                    {
                        causes.Add(StatusCause.Forbidden("immutable", "field is immutable when `immutable` is set"));
                    }

                    foreach (var field in s_dataFields)
                    {
                        if (!JsonNode.DeepEquals(previous[field], updated[field]))
                        {
                            causes.Add(StatusCause.Forbidden(field, "field is immutable when `immutable` is set"));
                        }
                    }
                }

                if (kind == "Secret" && previous.Str("type") != updated.Str("type"))
                {
                    causes.Add(StatusCause.Invalid("type", updated.Str("type") ?? string.Empty, "field is immutable"));
                }

                break;
            case "Deployment" or "ReplicaSet":
                if (!JsonNode.DeepEquals(previous.At("spec", "selector"), updated.At("spec", "selector")))
                {
                    causes.Add(StatusCause.Invalid("spec.selector", updated.At("spec", "selector")?.ToJsonString() ?? "null", "field is immutable"));
                }

                break;
            case "Service":
                if (previous.Str("spec", "clusterIP") is { } ip && updated.Str("spec", "clusterIP") is { } newIp && ip != newIp)
                {
                    causes.Add(StatusCause.Invalid("spec.clusterIPs[0]", newIp, "may not change once set"));
                }

                break;
            case "Pod":
                if (!JsonNode.DeepEquals(WithoutImages(previous.Obj("spec")), WithoutImages(updated.Obj("spec"))))
                {
                    causes.Add(StatusCause.Forbidden("spec", "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"));
                }

                break;
            case "CustomResourceDefinition":
                foreach (var field in s_crdImmutable)
                {
                    if (previous.Str("spec", field) != updated.Str("spec", field))
                    {
                        causes.Add(StatusCause.Invalid($"spec.{field}", updated.Str("spec", field) ?? string.Empty, "field is immutable"));
                    }
                }

                break;
        }
    }

    private static JsonObject? WithoutImages(JsonObject? spec)
    {
        if (spec?.DeepClone() is not JsonObject copy)
        {
            return null;
        }

        foreach (var container in copy.Arr("containers").Objects().Concat(copy.Arr("initContainers").Objects()))
        {
            container.Remove("image");
        }

        copy.Remove("activeDeadlineSeconds");
        copy.Remove("tolerations");
        copy.Remove("nodeName");
        return copy;
    }
}
