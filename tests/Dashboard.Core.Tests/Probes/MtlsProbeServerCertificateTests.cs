using Dashboard.Core.Probes;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Probes;

public sealed class MtlsProbeServerCertificateTests
{
    private readonly ProbePki _pki = new();

    [Fact]
    public async Task ProbeAsync_ExpiredServerCertificate_IsExpiredWithThePresentedChain()
    {
        var now = DateTimeOffset.UtcNow;
        var expired = _pki.ServerIntermediate.Issue("expired", TestCertificates.ServerAuth, [ProbePki.GatewayHost], now.AddDays(-90), now.AddDays(-1));

        var result = await ProbeAsync(expired);

        var failure = AssertFailure(result, ProbeFailureReason.ServerCertificateExpired);
        Assert.Contains("CN=expired", failure.Message);
        Assert.Contains("expired at", failure.Message);
        Assert.Equal(ProbeStage.TlsHandshake, failure.Stage);
        Assert.Equal(["CN=expired", _pki.ServerIntermediate.Certificate.Subject], result.ServerCertificateChain.Select(c => c.Subject));
        Assert.Equal(expired.Certificate.NotAfter.ToUniversalTime(), result.ServerCertificateChain[0].NotAfter.UtcDateTime);
        Assert.Null(result.StatusCode);
    }

    [Fact]
    public async Task ProbeAsync_ServerCertificateNotYetValid_IsExpiredClassWithNotValidBefore()
    {
        var now = DateTimeOffset.UtcNow;
        var future = _pki.ServerIntermediate.Issue("future", TestCertificates.ServerAuth, [ProbePki.GatewayHost], now.AddDays(2), now.AddDays(90));

        var result = await ProbeAsync(future);

        var failure = AssertFailure(result, ProbeFailureReason.ServerCertificateExpired);
        Assert.Contains("not valid before", failure.Message);
    }

    [Fact]
    public async Task ProbeAsync_ClockPastNotAfter_ValidatesAtTheTimeProvidersTime()
    {
        // A certificate valid on the real clock expires on the probe's clock: the verdict follows the TimeProvider.
        var clock = new FakeTimeProvider(_pki.Server.Certificate.NotAfter.ToUniversalTime().AddDays(1));

        var result = await ProbeAsync(_pki.Server, clock);

        AssertFailure(result, ProbeFailureReason.ServerCertificateExpired);
        Assert.Equal(clock.GetUtcNow(), result.StartedAt);
    }

    [Fact]
    public async Task ProbeAsync_WrongSubjectAlternativeName_IsNameMismatchListingTheCertificatesNames()
    {
        var other = _pki.ServerIntermediate.IssueServer("other", "other.test", "*.elsewhere.test");

        var result = await ProbeAsync(other);

        var failure = AssertFailure(result, ProbeFailureReason.ServerCertificateNameMismatch);
        Assert.Contains("other.test, *.elsewhere.test", failure.Message);
        Assert.Contains($"'{ProbePki.GatewayHost}'", failure.Message);
        Assert.Equal("CN=other", result.ServerCertificateChain[0].Subject);
    }

    [Fact]
    public async Task ProbeAsync_WildcardCertificate_MatchesOneLabel()
    {
        var wildcard = _pki.ServerIntermediate.IssueServer("wildcard", "*.test");

        var result = await ProbeAsync(wildcard);

        Assert.True(result.Succeeded, result.Failure?.Message);
    }

    [Fact]
    public async Task ProbeAsync_ServerCertificateFromAnotherCa_IsUntrusted()
    {
        var result = await ProbeAsync(_pki.Server, bundle: _pki.RogueRoot.Pem);

        var failure = AssertFailure(result, ProbeFailureReason.ServerCertificateUntrusted);
        Assert.Contains(_pki.RogueRoot.Certificate.Subject, failure.Message);
        Assert.Contains("does not chain to the trusted CA bundle", failure.Message);
        Assert.Contains("PartialChain", failure.Message);
        Assert.Equal(2, result.ServerCertificateChain.Count);
    }

    [Fact]
    public async Task ProbeAsync_NoTrustedBundle_RefusesUpFrontWithoutConnecting()
    {
        var connections = 0;
        await using var server = new RawLoopbackServer((_, _) =>
        {
            Interlocked.Increment(ref connections);
            return Task.CompletedTask;
        });
        var (probe, log) = ProbeKit.Create();
        var request = ProbeKit.Request(server.Port, "/status/200", _pki) with { TrustedCaBundlePem = null! };

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => probe.ProbeAsync(request, ProbeKit.Deadline()));

        Assert.Equal(nameof(ProbeRequest.TrustedCaBundlePem), exception.ParamName);
        Assert.Contains("no trusted CA bundle", exception.Message, StringComparison.Ordinal);
        Assert.Contains("never the machine's trust store", exception.Message, StringComparison.Ordinal);
        Assert.Contains("give the PEM of the CA that issued the server's certificate", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, Volatile.Read(ref connections));
        Assert.Empty(log.Collector.GetSnapshot());
    }

    [Fact]
    public async Task ProbeAsync_ServerCertificateWithoutServerAuth_IsUntrustedForUsage()
    {
        var clientOnly = _pki.ServerIntermediate.Issue("client-only", TestCertificates.ClientAuth, [ProbePki.GatewayHost], null, null);

        var result = await ProbeAsync(clientOnly);

        var failure = AssertFailure(result, ProbeFailureReason.ServerCertificateUntrusted);
        Assert.Contains("serverAuth", failure.Message);
    }

    [Fact]
    public async Task ProbeAsync_BundleHoldingOnlyTheIntermediate_TrustsItAsAnAnchor()
    {
        var result = await ProbeAsync(_pki.Server, bundle: _pki.ServerIntermediate.Pem);

        Assert.True(result.Succeeded, result.Failure?.Message);
    }

    [Fact]
    public async Task ProbeAsync_BundleWithUnrelatedCertificatesAndTheRoot_Succeeds()
    {
        var result = await ProbeAsync(_pki.Server, bundle: string.Join("\n", _pki.RogueRoot.Pem, _pki.ClientRoot.Pem, _pki.ServerRoot.Pem));

        Assert.True(result.Succeeded, result.Failure?.Message);
    }

    private async Task<ProbeResult> ProbeAsync(TestCredential serverCredential, TimeProvider? time = null, string bundle = "root")
    {
        await using var server = await LoopbackTlsServer.StartAsync(serverCredential);
        var (probe, _) = ProbeKit.Create(time);
        var request = ProbeKit.Request(server.Port, "/status/200", _pki) with
        {
            TrustedCaBundlePem = bundle == "root" ? _pki.ServerRoot.Pem : bundle,
        };
        return await probe.ProbeAsync(request, ProbeKit.Deadline());
    }

    private static ProbeFailure AssertFailure(ProbeResult result, ProbeFailureReason reason)
    {
        Assert.Equal(ProbeOutcome.Failed, result.Outcome);
        Assert.False(result.Succeeded);
        Assert.NotNull(result.Failure);
        Assert.True(reason == result.Failure.Reason, $"expected {reason}, got {result.Failure.Reason}: {result.Failure.Message}");
        Assert.False(string.IsNullOrWhiteSpace(result.Failure.Remedy));
        return result.Failure;
    }
}
