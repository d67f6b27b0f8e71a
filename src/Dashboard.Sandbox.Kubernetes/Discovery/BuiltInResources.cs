namespace Dashboard.Sandbox.Kubernetes.Discovery;

/// <summary>The built-in resources this server serves, with the discovery data the real server publishes for them.</summary>
internal static class BuiltInResources
{
    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Core("namespaces", "namespace", "Namespace", namespaced: false, ["ns"], [], ["status", "finalize"], ResourceVerbs.NoCollectionDelete, ["status.phase"]),
        Core("secrets", "secret", "Secret", namespaced: true, [], [], [], ResourceVerbs.Standard, ["type"]),
        Core("configmaps", "configmap", "ConfigMap", namespaced: true, ["cm"], [], [], ResourceVerbs.Standard, []),
        Core("services", "service", "Service", namespaced: true, ["svc"], ["all"], ["status"], ResourceVerbs.Standard, ["spec.clusterIP", "spec.type"]),
        Core("pods", "pod", "Pod", namespaced: true, ["po"], ["all"], ["status"], ResourceVerbs.Standard,
            ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"]),
        Core("serviceaccounts", "serviceaccount", "ServiceAccount", namespaced: true, ["sa"], [], [], ResourceVerbs.Standard, []),
        Core("events", "event", "Event", namespaced: true, ["ev"], [], [], ResourceVerbs.Standard,
            ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"]),
        Apps("deployments", "deployment", "Deployment", ["deploy"], ["status", "scale"]),
        Apps("replicasets", "replicaset", "ReplicaSet", ["rs"], ["status", "scale"]),
        new ResourceType
        {
            Group = "networking.k8s.io", Version = "v1", Plural = "ingresses", Singular = "ingress", Kind = "Ingress", Namespaced = true,
            ShortNames = ["ing"], Subresources = ["status"], StorageVersion = "v1", SchemaName = "io.k8s.api.networking.v1.Ingress",
        },
        new ResourceType
        {
            Group = "networking.k8s.io", Version = "v1", Plural = "ingressclasses", Singular = "ingressclass", Kind = "IngressClass", Namespaced = false,
            StorageVersion = "v1", SchemaName = "io.k8s.api.networking.v1.IngressClass",
        },
        new ResourceType
        {
            Group = "authorization.k8s.io", Version = "v1", Plural = "selfsubjectaccessreviews", Singular = "selfsubjectaccessreview",
            Kind = "SelfSubjectAccessReview", Namespaced = false, Verbs = ["create"], StorageVersion = "v1",
        },
        new ResourceType
        {
            Group = "apiextensions.k8s.io", Version = "v1", Plural = "customresourcedefinitions", Singular = "customresourcedefinition",
            Kind = "CustomResourceDefinition", Namespaced = false, ShortNames = ["crd", "crds"], Categories = ["api-extensions"],
            Subresources = ["status"], StorageVersion = "v1",
        },
    ];

    private static ResourceType Core(string plural, string singular, string kind, bool namespaced, string[] shortNames, string[] categories,
        string[] subresources, IReadOnlyList<string> verbs, string[] fields) => new()
        {
            Group = string.Empty,
            Version = "v1",
            Plural = plural,
            Singular = singular,
            Kind = kind,
            Namespaced = namespaced,
            ShortNames = shortNames,
            Categories = categories,
            Subresources = subresources,
            Verbs = verbs,
            StorageVersion = "v1",
            SchemaName = "io.k8s.api.core.v1." + kind,
            SelectableFields = fields,
        };

    private static ResourceType Apps(string plural, string singular, string kind, string[] shortNames, string[] subresources) => new()
    {
        Group = "apps",
        Version = "v1",
        Plural = plural,
        Singular = singular,
        Kind = kind,
        Namespaced = true,
        ShortNames = shortNames,
        Categories = ["all"],
        Subresources = subresources,
        StorageVersion = "v1",
        SchemaName = "io.k8s.api.apps.v1." + kind,
        SelectableFields = plural == "replicasets" ? ["status.replicas"] : [],
    };
}
