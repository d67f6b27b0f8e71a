using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Certificates;
using Dashboard.Certificates.Issuance;
using Dashboard.Certificates.Trust;
using Dashboard.Certificates.Validation;
using Dashboard.Core.Kubernetes;

namespace Dashboard.Core.Setup.Steps;

/// <summary>The inputs of step 9, read from the cluster and validated by the certificate core.</summary>
/// <param name="Gateway">The gateway's server credential (the nlb-dns secret), validated for its host.</param>
/// <param name="GatewaySecret">Where it was read from (namespace/name).</param>
/// <param name="AlbClient">The ALB's client credential, validated for client authentication.</param>
/// <param name="AlbClientSource">Where it came from.</param>
/// <param name="ClientCa">The CA bundle the gateway verifies the ALB with.</param>
/// <param name="GatewayServerCa">The CA bundle the ALB verifies the gateway with (the root the gateway's chain ends at).</param>
internal sealed record SecretInputs(CredentialReport Gateway, string GatewaySecret, CredentialReport AlbClient, string AlbClientSource, CaBundleReport ClientCa, CaBundleReport GatewayServerCa);

/// <summary>Reads and validates the secrets step 9 derives its secrets from.</summary>
internal static class SecretSources
{
    public static async Task<SecretInputs> ReadAsync(StepContext context, bool forPlan, CancellationToken cancellationToken)
    {
        var entry = await context.Facts.RequireRegistrationAsync(cancellationToken);
        var ns = entry.CertificateSecretNamespace;
        var secretName = entry.CertificateSecretName;
        var nlb = await context.Facts.SourceSecretAsync(ns, secretName, cancellationToken)
            ?? throw StepBlockedException.Prerequisite($"The nlb-dns certificate secret {ns}/{secretName} of {entry.Host} does not exist yet.", StepIds.NlbCertificate);
        var validator = context.Clients.Validator;
        var gateway = validator.ValidateCredential(Bytes(nlb, "tls.crt"), Bytes(nlb, "tls.key"), CredentialPurpose.Server(entry.Host));
        Block(gateway.Problems, $"The gateway's certificate in secret {ns}/{secretName} (written by IKS for {entry.Host})", "Regenerate it with 'ibmcloud ks nlb-dns secret regenerate --cluster <cluster> --nlb-subdomain " + entry.Host + "' and run again.");
        var gatewayServerCa = validator.CaBundleFor(gateway.Credential!);
        Block(gatewayServerCa.Problems, "The CA bundle computed from the gateway's chain", "Check the gateway certificate's chain.");

        CredentialReport albClient;
        CaBundleReport clientCa;
        string albSource;
        if (context.Profile.ClientCertificate == ClientCertificateSource.IksAlbCertificate)
        {
            var (_, albSecretName) = await context.Facts.AlbAsync(cancellationToken);
            var albSecret = await context.Facts.SourceSecretAsync("default", albSecretName, cancellationToken)
                ?? throw new StepBlockedException(StepObservation.Blocked($"The ALB's Ingress secret default/{albSecretName} does not exist.", "IKS writes it when the cluster's Ingress is provisioned; check 'ibmcloud ks ingress secret ls'.", SetupCodes.Iks));
            albClient = validator.ValidateCredential(Bytes(albSecret, "tls.crt"), Bytes(albSecret, "tls.key"), CredentialPurpose.Client());
            Block(albClient.Problems, $"The ALB's IKS certificate in secret default/{albSecretName}, used as the client certificate (profile IksAlbCertificate)",
                "Use the PrivateCa client certificate source (Let's Encrypt certificates carry serverAuth only since 2026), or fix the certificate.");
            clientCa = validator.CaBundleFor(albClient.Credential!);
            albSource = $"default/{albSecretName}";
        }
        else
        {
            var ca = forPlan
                ? await context.Services.PrivateCas.FindAsync(context.TargetId, context.Clients.Clock, cancellationToken)
                : await context.Services.PrivateCas.GetOrCreateAsync(context.TargetId, context.Clients.Clock, cancellationToken);
            if (ca is null)
            {
                throw new StepBlockedException(new StepObservation(ObservationKind.Missing,
                    "A private CA will be created for this target (ECDSA P-256, 10 years; its key stays in the dashboard's store, encrypted) and will issue the ALB's client certificate (clientAuth, 90 days)."));
            }

            using (ca)
            {
                var privateValidator = new CredentialValidator(context.Clients.Clock, TrustStore.FromPem(ca.CaCertificatePem, "the setup's private CA"));
                var current = await CurrentAlbClientAsync(context, cancellationToken);
                albClient = current is { } pem && !ca.ShouldReissue(pem.Certificate).Reissue
                    ? privateValidator.ValidateCredential(pem.Certificate, pem.Key, CredentialPurpose.Client())
                    : Issue(ca, privateValidator, await context.Facts.AlbHostAsync(cancellationToken));
                if (!albClient.IsValid)
                {
                    albClient = Issue(ca, privateValidator, await context.Facts.AlbHostAsync(cancellationToken));
                }

                Block(albClient.Problems, "The ALB client certificate issued by the private CA", "Report this: the private CA issued an unusable certificate.");
                clientCa = privateValidator.ValidateCaBundle(ca.CaCertificatePem);
                albSource = "private CA " + ca.CaSummary.Subject;
            }
        }

        Block(clientCa.Problems, "The client CA bundle", "Check the ALB client certificate's chain.");
        return new SecretInputs(gateway, $"{ns}/{secretName}", albClient, albSource, clientCa, gatewayServerCa);
    }

    /// <summary>Throws a block with the first error's code and remedy, naming the source.</summary>
    public static void Block(IReadOnlyList<CertificateProblem> problems, string what, string fix)
    {
        var error = problems.FirstOrDefault(p => p.IsError);
        if (error is not null)
        {
            throw new StepBlockedException(StepObservation.Blocked($"{what} is not usable: {error.Message}", $"{error.Remedy} {fix}", error.Code));
        }
    }

    private static CredentialReport Issue(PrivateCa ca, CredentialValidator validator, string albHost)
    {
        using var issued = ca.IssueClientCertificate(albHost);
        return validator.ValidateCredential(issued.ChainPem, issued.ExportPrivateKeyPem(), CredentialPurpose.Client());
    }

    /// <summary>The ALB client certificate and key in the ALB secret written earlier, if any (for re-use instead of re-issue).</summary>
    private static async Task<(string Certificate, string Key)?> CurrentAlbClientAsync(StepContext context, CancellationToken cancellationToken)
    {
        var live = await context.GetLiveAsync(ResourceKind.Secret, SetupFacts.GatewayNamespace, context.Parameters.AlbSecretName, cancellationToken);
        var (certKey, keyKey) = context.Profile.AlbFlavour == AlbFlavour.IngressNginx ? ("tls.crt", "tls.key") : ("client.crt", "client.key");
        return live?["data"]?[certKey] is not null && live["data"]?[keyKey] is not null
            ? (Encoding.UTF8.GetString(Bytes(live, certKey)), Encoding.UTF8.GetString(Bytes(live, keyKey)))
            : null;
    }

    public static byte[] Bytes(JsonObject secret, string key) =>
        secret["data"]?[key]?.GetValue<string>() is { } value ? Convert.FromBase64String(value) : [];
}
