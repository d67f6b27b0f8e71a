using System.Text;
using Dashboard.Core.Kubernetes;
using Dashboard.Core.Probes;

namespace Dashboard.Core.Setup.Steps;

/// <summary>
/// Step 13: the seed's gateway curl with a real mutual TLS handshake: GET <c>https://&lt;gateway domain&gt;&lt;prefix&gt;/418</c>
/// with the ALB's client certificate (read back from the ALB secret the setup wrote) must answer 418, and the same
/// request without a client certificate must be refused in the handshake. The gateway's certificate is verified
/// with the CA bundle in that secret, as the ALB verifies it.
/// </summary>
public sealed class VerifyGatewayStep : ProbeStep
{
    /// <inheritdoc />
    public override string Id => StepIds.VerifyGateway;

    /// <inheritdoc />
    public override string Title => "Verify the gateway with mutual TLS";

    /// <inheritdoc />
    public override SetupStepGroup Group => SetupStepGroup.ConfigureTheGateway;

    /// <inheritdoc />
    protected override async Task<(string? Problem, IReadOnlyList<string> Messages)> ProbeOnceAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = await context.Facts.GatewayHostAsync(cancellationToken);
        var (certificate, key, trusted) = await AlbCredentialAsync(context, cancellationToken);
        var request = new ProbeRequest(Url(context, host))
        {
            TrustedCaBundlePem = trusted,
            EndpointOverrides = context.Clients.EndpointsFor(host),
            ExpectedStatusCode = 418,
            Timeout = context.Options.ProbeTimeout,
        };
        var withCertificate = await context.Clients.Probe.ProbeAsync(request with { ClientCredential = new ProbeClientCredential(certificate, key) }, cancellationToken);
        var withoutCertificate = await context.Clients.Probe.ProbeAsync(request, cancellationToken);
        var messages = new[] { Describe("with the ALB's client certificate", withCertificate), Describe("without a client certificate (must be refused)", withoutCertificate) };
        if (!withCertificate.Succeeded)
        {
            return ($"{request.Url} with the ALB's client certificate: {withCertificate.Failure?.Reason}: {withCertificate.Failure?.Message}", messages);
        }

        if (withoutCertificate.Failure?.Reason != ProbeFailureReason.HandshakeRefusedByServer)
        {
            return ($"{request.Url} without a client certificate was not refused in the handshake (got {(withoutCertificate.Succeeded ? "HTTP " + withoutCertificate.StatusCode : withoutCertificate.Failure?.Reason.ToString())}): the gateway does not require mutual TLS.", messages);
        }

        return (null, messages);
    }

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<string>> CommandsAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var url = Url(context, await context.Facts.GatewayHostAsync(cancellationToken));
        return [$"curl {url} --cert client.crt --key client.key --cacert ca.crt   # expect 418", $"curl {url} --cacert ca.crt   # expect a refused handshake"];
    }

    /// <summary>The ALB's client certificate, key and the CA bundle it trusts the gateway with, from the ALB secret.</summary>
    internal static async Task<(string Certificate, string Key, string Trusted)> AlbCredentialAsync(StepContext context, CancellationToken cancellationToken)
    {
        var secret = await context.GetLiveAsync(ResourceKind.Secret, SetupFacts.GatewayNamespace, context.Parameters.AlbSecretName, cancellationToken)
            ?? throw StepBlockedException.Prerequisite($"The ALB secret {SetupFacts.GatewayNamespace}/{context.Parameters.AlbSecretName} does not exist.", StepIds.Secrets);
        var (cert, key, ca) = context.Profile.AlbFlavour == AlbFlavour.IngressNginx ? ("tls.crt", "tls.key", "ca.crt") : ("client.crt", "client.key", "trusted.crt");
        return (Text(secret, cert), Text(secret, key), Text(secret, ca));
    }

    private static Uri Url(StepContext context, string host) => new($"https://{host}{context.Parameters.RoutePrefix.TrimEnd('/')}/418");

    private static string Text(System.Text.Json.Nodes.JsonObject secret, string key) => Encoding.UTF8.GetString(SecretSources.Bytes(secret, key));
}
