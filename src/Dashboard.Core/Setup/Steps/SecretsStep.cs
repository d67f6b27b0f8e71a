using Dashboard.Certificates;
using Dashboard.Certificates.Layouts;

namespace Dashboard.Core.Setup.Steps;

/// <summary>
/// Step 9: the derived secrets, assembled by the certificate core from the IKS secrets read from the cluster, with
/// the CA bundles computed from the chains (never a downloaded root), validated before anything is written; a
/// problem blocks the step with the certificate core's code and remedy.
/// <list type="bullet">
/// <item>Legacy: <c>istio-ingressgateway-certs</c> (chain with its root, as the seed's trusted.crt) and
/// <c>istio-ingressgateway-ca-certs</c> (the client CA bundle), both copied from the nlb-dns secret in default.</item>
/// <item>Current: IKS writes the nlb-dns secret straight into istio-system (step 7 registers with
/// <c>--secret-namespace istio-system</c>) and the Gateway's <c>credentialName</c> names it, so the server
/// certificate is never copied: IKS renews it in place and SDS hot-reloads it, and the 90-day stale-copy outage
/// cannot happen. Only <c>&lt;name&gt;-cacert</c> (the client CA bundle) is written. Freshness stays observable: the
/// secret keeps IKS's <c>ingress.cloud.ibm.com/cert-source</c> annotation and its certificate's expiry, and the
/// derived secrets name their sources in annotations. When a registration is reused whose secret lives in another
/// namespace, the credential is copied into a dashboard-owned secret of the same name in istio-system instead.</item>
/// <item>Both: the ALB's <c>alb-certs</c> in the flavour's layout (IbmIngress trusted.crt/client.crt/client.key,
/// IngressNginx tls.crt/tls.key/ca.crt).</item>
/// </list>
/// </summary>
public sealed class SecretsStep : ObjectStep
{
    /// <summary>Annotation naming the secret(s) a derived secret was built from, with the source leaf's fingerprint.</summary>
    public const string SourceAnnotation = "iks-istio-mtls-dashboard/source";

    /// <inheritdoc />
    public override string Id => StepIds.Secrets;

    /// <inheritdoc />
    public override string Title => "Build the gateway's and the ALB's secrets";

    /// <inheritdoc />
    public override SetupStepGroup Group => SetupStepGroup.BuildTheSecrets;

    /// <inheritdoc />
    protected override Task<IReadOnlyList<DesiredObject>> DesiredAsync(StepContext context, CancellationToken cancellationToken) => BuildAsync(context, context?.IsPlanning == true, cancellationToken);

    private static async Task<IReadOnlyList<DesiredObject>> BuildAsync(StepContext context, bool forPlan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = await SecretSources.ReadAsync(context, forPlan, cancellationToken);
        var entry = await context.Facts.RequireRegistrationAsync(cancellationToken);
        var gatewaySource = $"{inputs.GatewaySecret}@sha256:{inputs.Gateway.Credential!.Leaf.Sha256Fingerprint[..16]}";
        var albSource = $"{inputs.AlbClientSource}@sha256:{inputs.AlbClient.Credential!.Leaf.Sha256Fingerprint[..16]}";
        var gatewayNs = SetupFacts.GatewayNamespace;
        var result = new List<DesiredObject>();
        if (context.Profile.IstioApi == IstioApi.Legacy)
        {
            var legacy = LegacyGatewayLayout.Assemble(inputs.Gateway, inputs.ClientCa);
            Check(legacy.Problems, "The file-mounted gateway secrets");
            result.Add(SetupManifests.Secret(LegacyGatewayLayout.CertsSecretName, gatewayNs, legacy.Value!.Certs, context.SetupId, Source(gatewaySource)));
            result.Add(SetupManifests.Secret(LegacyGatewayLayout.CaCertsSecretName, gatewayNs, legacy.Value.CaCerts, context.SetupId, Source(albSource)));
        }
        else
        {
            var credentialName = entry.CertificateSecretName;
            if (string.Equals(entry.SecretNamespace, gatewayNs, StringComparison.Ordinal))
            {
                var ca = CurrentGatewayLayout.AssembleCaSecret(credentialName, inputs.ClientCa);
                Check(ca.Problems, "The gateway's client CA secret");
                result.Add(SetupManifests.Secret(CurrentGatewayLayout.CaSecretName(credentialName), gatewayNs, ca.Value!, context.SetupId, Source(albSource)));
            }
            else
            {
                var copy = CurrentGatewayLayout.Assemble(credentialName, inputs.Gateway, inputs.ClientCa);
                Check(copy.Problems, "The gateway's credential secrets");
                result.Add(SetupManifests.Secret(credentialName, gatewayNs, copy.Value!.Credential, context.SetupId, Source(gatewaySource)));
                result.Add(SetupManifests.Secret(copy.Value.CaSecretName!, gatewayNs, copy.Value.CaSecret!, context.SetupId, Source(albSource)));
            }
        }

        var alb = context.Profile.AlbFlavour == AlbFlavour.IngressNginx
            ? AlbLayout.AssembleIngressNginx(inputs.AlbClient, inputs.GatewayServerCa)
            : AlbLayout.AssembleIbmIngress(inputs.AlbClient, inputs.GatewayServerCa);
        Check(alb.Problems, "The ALB's upstream TLS secret");
        result.Add(SetupManifests.Secret(context.Parameters.AlbSecretName, gatewayNs, alb.Value!, context.SetupId, Source($"{albSource}; {gatewaySource}")));
        return result;
    }

    /// <inheritdoc />
    protected override IEnumerable<string> Commands(IReadOnlyList<DesiredObject> objects) =>
        objects.Select(o => $"kubectl -n {o.Ref.Namespace} create secret {(o.Manifest["type"]?.GetValue<string>() == SecretTypes.Tls ? "tls" : "generic")} {o.Ref.Name} " +
            string.Join(' ', (o.Display ?? []).Select(d => $"--from-file={d.Key}=<{d.Key}>")) + " --dry-run=client -o yaml | kubectl apply --server-side -f -");

    private static void Check(IReadOnlyList<CertificateProblem> problems, string what) =>
        SecretSources.Block(problems, what, "Fix the source certificate and run again.");

    private static Dictionary<string, string> Source(string value) => new() { [SourceAnnotation] = value };
}
