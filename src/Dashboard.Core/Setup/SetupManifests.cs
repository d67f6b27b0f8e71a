using System.Text.Json.Nodes;
using Dashboard.Certificates.Layouts;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Setup.Ownership;
using YamlDotNet.RepresentationModel;

namespace Dashboard.Core.Setup;

/// <summary>
/// The objects of the seed, per profile. <see cref="IstioApi.Legacy"/> reproduces the seed's manifests field for field,
/// except for the modernisations listed in <c>docs/setup-modernisations.md</c> (explicit namespaces, ownership labels,
/// Ingress networking.k8s.io/v1 when served, the CA bundle computed from the chain instead of DST Root CA X3).
/// <see cref="IstioApi.Current"/> follows today's Istio and IKS documentation.
/// </summary>
public static class SetupManifests
{
    /// <summary>Where the Legacy profile puts the Gateway and VirtualService: the seed applied them without <c>-n</c>.</summary>
    public const string LegacyIstioNamespace = "default";

    /// <summary>The httpbin sample's objects (Istio 1.30.3 <c>samples/httpbin/httpbin.yaml</c>) in <paramref name="ns"/>.</summary>
    public static IReadOnlyList<(ResourceKind Kind, JsonObject Manifest)> Httpbin(string ns, string setupId)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(typeof(SetupManifests).Assembly.GetManifestResourceStream("Kubernetes.Schemas.httpbin.yaml")!))
        {
            stream.Load(reader);
        }

        var result = new List<(ResourceKind, JsonObject)>();
        foreach (var document in stream.Documents)
        {
            var json = (JsonObject)YamlJson.From(document.RootNode)!;
            json["metadata"]!["namespace"] = ns;
            var kind = json["kind"]!.GetValue<string>() switch
            {
                "ServiceAccount" => ResourceKind.ServiceAccount,
                "Service" => ResourceKind.Service,
                "Deployment" => ResourceKind.Deployment,
                var other => throw new InvalidOperationException($"Unexpected kind {other} in httpbin.yaml."),
            };
            result.Add((kind, OwnershipLabels.MarkCreated(json, setupId)));
        }

        return result;
    }

    /// <summary>Step 1: the namespace with sidecar injection.</summary>
    public static JsonObject Namespace(string name, string setupId, bool preExisting)
    {
        var manifest = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["istio-injection"] = "enabled" } },
        };
        return preExisting ? OwnershipLabels.MarkTouched(manifest, setupId) : OwnershipLabels.MarkCreated(manifest, setupId);
    }

    /// <summary>Step 3: mTLS required in the namespace.</summary>
    public static (ResourceKind Kind, JsonObject Manifest) MtlsPolicy(SetupProfile profile, string ns, string setupId)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.IstioApi == IstioApi.Legacy || profile.Apis.Security is null)
        {
            var policy = new JsonObject
            {
                ["apiVersion"] = "authentication.istio.io/v1alpha1",
                ["kind"] = "Policy",
                ["metadata"] = Meta("default", ns),
                ["spec"] = new JsonObject { ["peers"] = new JsonArray(new JsonObject { ["mtls"] = new JsonObject() }) },
            };
            return (ResourceKind.Policy, OwnershipLabels.MarkCreated(policy, setupId));
        }

        var kind = ResourceKind.PeerAuthentication(profile.Apis.Security);
        var peer = new JsonObject
        {
            ["apiVersion"] = kind.ApiVersion,
            ["kind"] = "PeerAuthentication",
            ["metadata"] = Meta("default", ns),
            ["spec"] = new JsonObject { ["mtls"] = new JsonObject { ["mode"] = "STRICT" } },
        };
        return (kind, OwnershipLabels.MarkCreated(peer, setupId));
    }

    /// <summary>Step 4: the DestinationRule requiring Istio mutual TLS towards the namespace's services.</summary>
    public static (ResourceKind Kind, JsonObject Manifest) DestinationRule(SetupProfile profile, string ns, string setupId)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var kind = ResourceKind.DestinationRule(profile.Apis.Networking);
        var rule = new JsonObject
        {
            ["apiVersion"] = kind.ApiVersion,
            ["kind"] = "DestinationRule",
            ["metadata"] = Meta("default", ns),
            ["spec"] = new JsonObject
            {
                ["host"] = $"*.{ns}.svc.cluster.local",
                ["trafficPolicy"] = new JsonObject { ["tls"] = new JsonObject { ["mode"] = "ISTIO_MUTUAL" } },
            },
        };
        return (kind, OwnershipLabels.MarkCreated(rule, setupId));
    }

    /// <summary>Step 10: the Gateway on port 443 with mutual TLS.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="parameters">The parameters.</param>
    /// <param name="setupId">The setup id.</param>
    /// <param name="hosts">Current: the gateway's and the ALB's host names (the ALB sends the former as SNI and the latter as Host).</param>
    /// <param name="credentialName">Current: the credential secret.</param>
    /// <param name="caFileName">Legacy: the client CA file in istio-ingressgateway-ca-certs.</param>
    public static (ResourceKind Kind, JsonObject Manifest) Gateway(SetupProfile profile, SetupParameters parameters, string setupId, IReadOnlyList<string> hosts, string? credentialName, string caFileName)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(parameters);
        var legacy = profile.IstioApi == IstioApi.Legacy;
        var kind = ResourceKind.Gateway(profile.Apis.Networking);
        var tls = legacy
            ? new JsonObject
            {
                ["mode"] = "MUTUAL",
                ["serverCertificate"] = "/etc/istio/ingressgateway-certs/tls.crt",
                ["privateKey"] = "/etc/istio/ingressgateway-certs/tls.key",
                ["caCertificates"] = "/etc/istio/ingressgateway-ca-certs/" + caFileName,
            }
            : new JsonObject { ["mode"] = "MUTUAL", ["credentialName"] = credentialName };
        var gateway = new JsonObject
        {
            ["apiVersion"] = kind.ApiVersion,
            ["kind"] = "Gateway",
            ["metadata"] = Meta(parameters.GatewayName, legacy ? LegacyIstioNamespace : SetupFacts.GatewayNamespace),
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject { ["istio"] = "ingressgateway" },
                ["servers"] = new JsonArray(new JsonObject
                {
                    ["port"] = new JsonObject { ["number"] = 443, ["name"] = "https", ["protocol"] = "HTTPS" },
                    ["tls"] = tls,
                    ["hosts"] = Strings(legacy ? ["*"] : hosts),
                }),
            },
        };
        return (kind, OwnershipLabels.MarkCreated(gateway, setupId));
    }

    /// <summary>Step 11: the VirtualService routing the prefix to httpbin:8000.</summary>
    public static (ResourceKind Kind, JsonObject Manifest) VirtualService(SetupProfile profile, SetupParameters parameters, string setupId, IReadOnlyList<string> hosts)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(parameters);
        var legacy = profile.IstioApi == IstioApi.Legacy;
        var kind = ResourceKind.VirtualService(profile.Apis.Networking);
        var vs = new JsonObject
        {
            ["apiVersion"] = kind.ApiVersion,
            ["kind"] = "VirtualService",
            ["metadata"] = Meta(parameters.VirtualServiceName, legacy ? LegacyIstioNamespace : parameters.Namespace),
            ["spec"] = new JsonObject
            {
                ["hosts"] = Strings(legacy ? ["*"] : hosts),
                ["gateways"] = Strings([legacy ? parameters.GatewayName : $"{SetupFacts.GatewayNamespace}/{parameters.GatewayName}"]),
                ["http"] = new JsonArray(new JsonObject
                {
                    ["match"] = new JsonArray(new JsonObject { ["uri"] = new JsonObject { ["prefix"] = parameters.RoutePrefix } }),
                    ["route"] = new JsonArray(new JsonObject
                    {
                        ["destination"] = new JsonObject
                        {
                            ["port"] = new JsonObject { ["number"] = 8000 },
                            ["host"] = $"httpbin.{parameters.Namespace}.svc.cluster.local",
                        },
                    }),
                }),
            },
        };
        return (kind, OwnershipLabels.MarkCreated(vs, setupId));
    }

    /// <summary>Step 14: the ALB Ingress forwarding the prefix on the ALB host to the gateway's port 443, with the flavour's annotations.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="parameters">The parameters.</param>
    /// <param name="setupId">The setup id.</param>
    /// <param name="albHost">httpbin.&lt;ALB domain&gt;.</param>
    /// <param name="albSecret">The ALB's Ingress secret (IbmIngress: the TLS secret of the host).</param>
    /// <param name="gatewayHost">The gateway's host name (IngressNginx: the name verified and sent as SNI).</param>
    public static (ResourceKind Kind, JsonObject Manifest) Ingress(SetupProfile profile, SetupParameters parameters, string setupId, string albHost, string albSecret, string gatewayHost)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(parameters);
        var kind = ResourceKind.Ingress(profile.Apis.Ingress);
        var v1 = profile.Apis.Ingress == "networking.k8s.io/v1";
        var nginx = profile.AlbFlavour == AlbFlavour.IngressNginx;
        var annotations = nginx
            ? new JsonObject
            {
                ["nginx.ingress.kubernetes.io/backend-protocol"] = "HTTPS",
                ["nginx.ingress.kubernetes.io/proxy-ssl-secret"] = $"{SetupFacts.GatewayNamespace}/{parameters.AlbSecretName}",
                ["nginx.ingress.kubernetes.io/proxy-ssl-verify"] = "on",
                ["nginx.ingress.kubernetes.io/proxy-ssl-verify-depth"] = "3",
                ["nginx.ingress.kubernetes.io/proxy-ssl-name"] = gatewayHost,
                ["nginx.ingress.kubernetes.io/proxy-ssl-server-name"] = "on",
            }
            : new JsonObject { ["ingress.bluemix.net/ssl-services"] = $"ssl-service={SetupFacts.GatewayService} ssl-secret={parameters.AlbSecretName}" };
        var backend = v1
            ? new JsonObject { ["service"] = new JsonObject { ["name"] = SetupFacts.GatewayService, ["port"] = new JsonObject { ["number"] = 443 } } }
            : new JsonObject { ["serviceName"] = SetupFacts.GatewayService, ["servicePort"] = 443 };
        var path = new JsonObject { ["path"] = parameters.RoutePrefix };
        if (v1)
        {
            path["pathType"] = "ImplementationSpecific";
        }

        path["backend"] = backend;
        // ingress-nginx reads TLS secrets only from the Ingress's namespace; without secretName it serves the ALB's
        // default certificate, which IKS sets to the Ingress subdomain's wildcard certificate (no stale copy).
        var tls = nginx ? new JsonObject { ["hosts"] = Strings([albHost]) } : new JsonObject { ["hosts"] = Strings([albHost]), ["secretName"] = albSecret };
        var spec = new JsonObject();
        if (nginx && profile.Apis.IngressClassName is { } className && v1)
        {
            spec["ingressClassName"] = className;
        }

        spec["tls"] = new JsonArray(tls);
        spec["rules"] = new JsonArray(new JsonObject { ["host"] = albHost, ["http"] = new JsonObject { ["paths"] = new JsonArray(path) } });
        var metadata = Meta(parameters.IngressName, SetupFacts.GatewayNamespace);
        metadata["annotations"] = annotations;
        var ingress = new JsonObject { ["apiVersion"] = kind.ApiVersion, ["kind"] = "Ingress", ["metadata"] = metadata, ["spec"] = spec };
        return (kind, OwnershipLabels.MarkCreated(ingress, setupId));
    }

    /// <summary>Step 9: a secret from a certificate-core layout, with annotations naming its sources (for freshness checks).</summary>
    public static DesiredObject Secret(string name, string ns, SecretLayout layout, string setupId, IReadOnlyDictionary<string, string> annotations)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(annotations);
        var data = new JsonObject();
        foreach (var (key, value) in layout.Data.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            data[key] = Convert.ToBase64String(value);
        }

        var metadata = Meta(name, ns);
        if (annotations.Count > 0)
        {
            metadata["annotations"] = new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        }

        var secret = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = metadata, ["type"] = layout.Type, ["data"] = data };
        var display = SecretDisplay.Describe(layout);
        return new DesiredObject(ResourceKind.Secret, OwnershipLabels.MarkCreated(secret, setupId), Sensitive: true, Display: display);
    }

    private static JsonObject Meta(string name, string ns) => new() { ["name"] = name, ["namespace"] = ns };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);
}

/// <summary>YAML nodes as JSON (scalars typed the way the API server reads them).</summary>
internal static class YamlJson
{
    public static JsonNode? From(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, From(c.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(From)]),
        YamlScalarNode scalar when scalar.Style is YamlDotNet.Core.ScalarStyle.Plain && long.TryParse(scalar.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        YamlScalarNode scalar when scalar.Style is YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "true" or "false" => JsonValue.Create(scalar.Value == "true"),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };
}
