using k8s.Models;

namespace Dashboard.Sandbox.Kubernetes.Tests.Infrastructure;

/// <summary>Typed workload objects for tests.</summary>
public static class Workloads
{
    public static V1Deployment Deployment(string name, int replicas, string image = "docker.io/mccutchen/go-httpbin:v2.15.0") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = image, Ports = [new V1ContainerPort { ContainerPort = 8080 }] }] },
            },
        },
    };
}
