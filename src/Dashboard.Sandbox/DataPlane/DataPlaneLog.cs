using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.DataPlane;

/// <summary>Log events of the sandbox data plane (gateway, ALB, watches), 4000-4499 (docs/logging.md).</summary>
internal static partial class DataPlaneLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Sandbox data plane running: gateway {Gateway} ({IstioProfile}), ALB {Alb} ({AlbFlavour})")]
    public static partial void Running(ILogger logger, object? gateway, object istioProfile, object? alb, object albFlavour);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Sandbox data plane stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Rebuilding the data plane configuration failed; the previous configuration stays in effect")]
    public static partial void RebuildFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "Data plane bound to the cluster: networking.istio.io {IstioVersion}, security.istio.io PeerAuthentication served {PeerAuthenticationServed}, ingress classes {IngressClasses}")]
    public static partial void Bound(ILogger logger, string istioVersion, bool peerAuthenticationServed, string ingressClasses);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "The data plane's watches did not all list within {Timeout}; serving what is known and catching up")]
    public static partial void SyncSlow(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Warning, Message = "Watch of {Kind} failed; relisting in {DelayMs} ms")]
    public static partial void WatchFailed(ILogger logger, Exception exception, string kind, int delayMs);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Sandbox gateway listening on {Endpoint}")]
    public static partial void GatewayListening(ILogger logger, object? endpoint);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Gateway dropped a connection for SNI {ServerName}: {Reason}")]
    public static partial void GatewayDropped(ILogger logger, string serverName, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Gateway {Gateway} refused a client without a certificate (tls.mode MUTUAL: certificate required)")]
    public static partial void GatewayRefusedNoCertificate(ILogger logger, string gateway);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Gateway {Gateway} refused client certificate {Subject}: {Reason}")]
    public static partial void GatewayRefusedCertificate(ILogger logger, string gateway, string subject, string reason);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Gateway rejected the update of {Resource} ({Problem}); it keeps serving the previously accepted material until it restarts")]
    public static partial void GatewayUpdateRejected(ILogger logger, string resource, string? problem);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "Gateway generation {Generation} started (pods {Pods} became Ready); file-mounted secrets read: {MountedSecrets}")]
    public static partial void GatewayGeneration(ILogger logger, long generation, string pods, string mountedSecrets);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "Gateway {Gateway} server {Index} cannot complete TLS handshakes: {Problem}")]
    public static partial void GatewayServerBroken(ILogger logger, string gateway, int index, string? problem);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Information, Message = "Gateway {Gateway} server {Index} uses protocol {Protocol} on port {Port}; the sandbox gateway serves HTTPS servers only")]
    public static partial void GatewayProtocolIgnored(ILogger logger, string gateway, int index, string? protocol, int port);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Sandbox ALB listening on {Endpoint}")]
    public static partial void AlbListening(ILogger logger, object? endpoint);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "ALB location {Host}{Path} of Ingress {Ingress} is denied (503): {Reason}")]
    public static partial void AlbDenied(ILogger logger, string host, string path, string ingress, string reason);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "ALB answered {Status} for {Host}{Path}: backend {Service}: {Detail}")]
    public static partial void AlbNoBackend(ILogger logger, int status, string host, string path, string service, string? detail);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "ALB answered {Status} for {Host}{Path} (backend {Service}, {Tls}): {Error}")]
    public static partial void AlbUpstreamFailed(ILogger logger, int status, string host, string path, string service, string tls, string? error);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Warning, Message = "ALB: Ingress {Ingress}: {Warning}")]
    public static partial void AlbIngressWarning(ILogger logger, string ingress, string warning);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Warning, Message = "ALB serves the default certificate for {Host}: {Reason}")]
    public static partial void AlbDefaultCertificate(ILogger logger, string host, string reason);
}
