using System.Text.Json.Nodes;
using Dashboard.Sandbox.Kubernetes.Json;
using Dashboard.Sandbox.Kubernetes.Validation;

namespace Dashboard.Sandbox.Kubernetes.Seed;

/// <summary>The Istio CRDs each flavour serves.</summary>
internal static class IstioCrdSets
{
    /// <summary>Istio 1.30's CRDs, verbatim from the shipped <c>istio-crds.yaml</c>.</summary>
    public static IReadOnlyList<JsonObject> Current() =>
        YamlToJson.ParseDocuments(EmbeddedSchemas.ReadText(EmbeddedSchemas.IstioCrds)).OfType<JsonObject>()
            .Where(d => d.Str("kind") == "CustomResourceDefinition").ToList();

    /// <summary>
    /// Istio 1.4's API surface: authentication.istio.io/v1alpha1 Policy and MeshPolicy, networking.istio.io v1alpha3
    /// only. 1.4 shipped apiextensions v1beta1 CRDs without structural schemas, so the schemas here preserve
    /// unknown fields (nothing is pruned or type-checked, as then).
    /// </summary>
    public static IReadOnlyList<JsonObject> Legacy() =>
    [
        Crd("authentication.istio.io", "Policy", "policies", "policy", "Namespaced", "v1alpha1", ["istio-io", "authentication-istio-io"], []),
        Crd("authentication.istio.io", "MeshPolicy", "meshpolicies", "meshpolicy", "Cluster", "v1alpha1", ["istio-io", "authentication-istio-io"], []),
        Crd("networking.istio.io", "Gateway", "gateways", "gateway", "Namespaced", "v1alpha3", ["istio-io", "networking-istio-io"], ["gw"]),
        Crd("networking.istio.io", "VirtualService", "virtualservices", "virtualservice", "Namespaced", "v1alpha3", ["istio-io", "networking-istio-io"], ["vs"]),
        Crd("networking.istio.io", "DestinationRule", "destinationrules", "destinationrule", "Namespaced", "v1alpha3", ["istio-io", "networking-istio-io"], ["dr"]),
        Crd("networking.istio.io", "ServiceEntry", "serviceentries", "serviceentry", "Namespaced", "v1alpha3", ["istio-io", "networking-istio-io"], ["se"]),
    ];

    private static JsonObject Crd(string group, string kind, string plural, string singular, string scope, string version, string[] categories, string[] shortNames) => new()
    {
        ["apiVersion"] = "apiextensions.k8s.io/v1",
        ["kind"] = "CustomResourceDefinition",
        ["metadata"] = new JsonObject
        {
            ["name"] = $"{plural}.{group}",
            ["labels"] = new JsonObject { ["app"] = "istio-pilot", ["chart"] = "istio", ["heritage"] = "Tiller", ["release"] = "istio" },
            ["annotations"] = new JsonObject { ["helm.sh/resource-policy"] = "keep" },
        },
        ["spec"] = new JsonObject
        {
            ["group"] = group,
            ["names"] = new JsonObject
            {
                ["kind"] = kind,
                ["listKind"] = kind + "List",
                ["plural"] = plural,
                ["singular"] = singular,
                ["categories"] = new JsonArray(categories.Select(c => (JsonNode?)c).ToArray()),
                ["shortNames"] = new JsonArray(shortNames.Select(c => (JsonNode?)c).ToArray()),
            },
            ["scope"] = scope,
            ["versions"] = new JsonArray(new JsonObject
            {
                ["name"] = version,
                ["served"] = true,
                ["storage"] = true,
                ["schema"] = new JsonObject
                {
                    ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
                },
            }),
        },
    };
}
