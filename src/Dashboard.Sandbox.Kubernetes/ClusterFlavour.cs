namespace Dashboard.Sandbox.Kubernetes;

/// <summary>Which generation of IKS + Istio the simulated cluster imitates.</summary>
public enum ClusterFlavour
{
    /// <summary>Today's IKS with current Istio: networking.istio.io v1/v1beta1/v1alpha3, security.istio.io, ingress-nginx ALB with IngressClass <c>public-iks-k8s-nginx</c>.</summary>
    Current,

    /// <summary>The 2019/2020 setup: Istio 1.4 (authentication.istio.io/v1alpha1 Policy, networking.istio.io v1alpha3 only) and the IBM Ingress ALB without IngressClass.</summary>
    Legacy,
}
