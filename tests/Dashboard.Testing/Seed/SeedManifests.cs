namespace Dashboard.Testing.Seed;

/// <summary>
/// The seed's objects as YAML. Policy, DestinationRule, Gateway, VirtualService and Ingress are copied verbatim from
/// shared/seed/000_66cef7b315303981.txt (shell variables kept). The namespace and the three secrets are what the
/// seed's commands create, written as <c>kubectl ... --dry-run=client -o yaml</c> would; a secret's values name the
/// file the seed puts under that key.
/// </summary>
public static class SeedManifests
{
    /// <summary><c>kubectl create namespace httptools</c>, <c>kubectl label namespace httptools istio-injection=enabled</c>.</summary>
    public const string Namespace = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: httptools
          labels:
            istio-injection: enabled
        """;

    public const string Policy = """
        apiVersion: authentication.istio.io/v1alpha1
        kind: Policy
        metadata:
          name: default
        spec:
          peers:
          - mtls: {}
        """;

    public const string DestinationRule = """
        apiVersion: networking.istio.io/v1alpha3
        kind: DestinationRule
        metadata:
          name: default
        spec:
          host: "*.httptools.svc.cluster.local"
          trafficPolicy:
            tls:
              mode: ISTIO_MUTUAL
        """;

    /// <summary><c>kubectl create -n istio-system secret tls istio-ingressgateway-certs --key ingress_gateway_certs/tls.key --cert trusted.crt</c>.</summary>
    public const string GatewayCertsSecret = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: istio-ingressgateway-certs
          namespace: istio-system
        type: kubernetes.io/tls
        data:
          tls.crt: trusted.crt
          tls.key: ingress_gateway_certs/tls.key
        """;

    /// <summary><c>kubectl create -n istio-system secret generic istio-ingressgateway-ca-certs --from-file=trustid-x3-root.pem</c>.</summary>
    public const string GatewayCaCertsSecret = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: istio-ingressgateway-ca-certs
          namespace: istio-system
        type: Opaque
        data:
          trustid-x3-root.pem: trustid-x3-root.pem
        """;

    /// <summary><c>kubectl create secret generic alb-certs -n istio-system --from-file=trusted.crt --from-file=alb_certs/client.crt --from-file=alb_certs/client.key</c>.</summary>
    public const string AlbCertsSecret = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: alb-certs
          namespace: istio-system
        type: Opaque
        data:
          trusted.crt: trusted.crt
          client.crt: alb_certs/client.crt
          client.key: alb_certs/client.key
        """;

    public const string Gateway = """
        apiVersion: networking.istio.io/v1alpha3
        kind: Gateway
        metadata:
          name: default-ingress-gateway
        spec:
          selector:
            istio: ingressgateway # use istio default ingress gateway
          servers:
          - port:
              number: 443
              name: https
              protocol: HTTPS
            tls:
              mode: MUTUAL
              serverCertificate: /etc/istio/ingressgateway-certs/tls.crt
              privateKey: /etc/istio/ingressgateway-certs/tls.key
              caCertificates: /etc/istio/ingressgateway-ca-certs/trustid-x3-root.pem
            hosts:
            - "*"
        """;

    public const string VirtualService = """
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: default-ingress
        spec:
          hosts:
          - "*"
          gateways:
          - default-ingress-gateway
          http:
          - match:
            - uri:
                prefix: /status
            route:
            - destination:
                port:
                  number: 8000
                host: httpbin.httptools.svc.cluster.local
        """;

    public const string Ingress = """
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata:
          name: alb-ingress
          namespace: istio-system
          annotations:
            ingress.bluemix.net/ssl-services: "ssl-service=istio-ingressgateway ssl-secret=alb-certs"
        spec:
          tls:
          - hosts:
            - httpbin.$ALB_INGRESS_DOMAIN
            secretName: $ALB_SECRET
          rules:
          - host: httpbin.$ALB_INGRESS_DOMAIN
            http:
              paths:
              - path: /status
                backend:
                  serviceName: istio-ingressgateway
                  servicePort: 443
        """;
}
