using Dashboard.Core.Ibm;
using Dashboard.Core.Ibm.Iam;
using Dashboard.Sandbox.Iks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Ibm;

/// <summary>Token caching per key, refresh once less than 20% of the lifetime remains, single flight, all on a fake clock.</summary>
[Collection(IbmSimulatorCollection.Name)]
public sealed class IamTokenProviderTests : IDisposable
{
    private readonly IbmSimulatorFixture _fixture;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ServiceProvider _services;

    public IamTokenProviderTests(IbmSimulatorFixture fixture)
    {
        _fixture = fixture;

        // No automatic retries: their back-off would wait on the fake clock.
        _services = fixture.Services(new Dictionary<string, string?> { ["Ibm:MaxRetries"] = "0" }, _time);
    }

    private IIamTokenProvider Tokens => _services.GetRequiredService<IIamTokenProvider>();

    private SandboxIksSimulator Simulator => _fixture.Simulator;

    public void Dispose()
    {
        Simulator.Faults.Reset();
        _services.Dispose();
    }

    [Fact]
    public async Task SecondCall_UsesTheCachedToken()
    {
        var before = Simulator.Requests;

        var first = (await Tokens.GetTokenAsync(IbmSimulatorFixture.SandboxKey)).GetValueOrThrow();
        var second = (await Tokens.GetTokenAsync(IbmCredential.FromApiKey(SandboxIksDefaults.ApiKey))).GetValueOrThrow();

        Assert.Same(first, second);
        Assert.Equal(TimeSpan.FromHours(1), first.Lifetime);
        Assert.Equal(1, Simulator.Requests.Since(before).Iam);
    }

    [Fact]
    public async Task Token_IsRefreshedOnlyOnceLessThan20PercentOfItsLifetimeRemains()
    {
        var before = Simulator.Requests;
        var first = (await Tokens.GetTokenAsync(IbmSimulatorFixture.SandboxKey)).GetValueOrThrow();

        _time.Advance(TimeSpan.FromMinutes(47));
        var stillCached = (await Tokens.GetTokenAsync(IbmSimulatorFixture.SandboxKey)).GetValueOrThrow();
        _time.Advance(TimeSpan.FromMinutes(2));
        var refreshed = (await Tokens.GetTokenAsync(IbmSimulatorFixture.SandboxKey)).GetValueOrThrow();

        Assert.Same(first, stillCached);
        Assert.NotSame(first, refreshed);
        Assert.Equal(_time.GetUtcNow(), refreshed.ObtainedAt);
        Assert.Equal(first.ObtainedAt + TimeSpan.FromMinutes(48), first.RefreshAt);
        Assert.Equal(2, Simulator.Requests.Since(before).Iam);
    }

    [Fact]
    public async Task ConcurrentCalls_ShareOneExchange()
    {
        Simulator.Faults.Set(new SandboxIksFaultOptions { ExtraLatency = TimeSpan.FromMilliseconds(300) });
        var before = Simulator.Requests;

        var tokens = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => Tokens.GetTokenAsync(IbmSimulatorFixture.SandboxKey))));

        Assert.All(tokens, t => Assert.True(t.IsSuccess));
        Assert.Single(tokens.Select(t => t.Value!.AccessToken).Distinct());
        Assert.Equal(1, Simulator.Requests.Since(before).Iam);
    }

    [Fact]
    public async Task DifferentKeys_GetTheirOwnTokens()
    {
        var before = Simulator.Requests;

        var admin = (await Tokens.GetTokenAsync(IbmSimulatorFixture.SandboxKey)).GetValueOrThrow();
        var viewer = (await Tokens.GetTokenAsync(IbmCredential.FromApiKey(SandboxIksDefaults.ViewerApiKey))).GetValueOrThrow();

        Assert.NotEqual(admin.AccessToken, viewer.AccessToken);
        Assert.Equal(2, Simulator.Requests.Since(before).Iam);
    }

    [Fact]
    public async Task FailedRefresh_KeepsUsingTheStillValidToken_UntilItExpires()
    {
        var first = (await Tokens.GetTokenAsync(IbmSimulatorFixture.SandboxKey)).GetValueOrThrow();
        Simulator.Faults.Set(new SandboxIksFaultOptions { IamOutage = true });

        _time.Advance(TimeSpan.FromMinutes(50));
        var during = await Tokens.GetTokenAsync(IbmSimulatorFixture.SandboxKey);
        _time.Advance(TimeSpan.FromMinutes(10));
        var expired = await Tokens.GetTokenAsync(IbmSimulatorFixture.SandboxKey);

        Assert.Same(first, during.Value);
        Assert.Equal((IksErrorKind.ServerError, 503), (expired.Error!.Kind, expired.Error.HttpStatus));
    }

    [Fact]
    public async Task FailedExchange_IsNotCached()
    {
        var before = Simulator.Requests;
        var bad = IbmCredential.FromApiKey("unknown-key-42");

        var first = await Tokens.GetTokenAsync(bad);
        var second = await Tokens.GetTokenAsync(bad);

        Assert.Equal(IksErrorKind.Unauthorized, first.Error!.Kind);
        Assert.Equal(IksErrorKind.Unauthorized, second.Error!.Kind);
        Assert.Equal(2, Simulator.Requests.Since(before).Iam);
    }

    [Fact]
    public async Task Invalidate_ForgetsOnlyTheRejectedToken()
    {
        var before = Simulator.Requests;
        var first = (await Tokens.GetTokenAsync(IbmSimulatorFixture.SandboxKey)).GetValueOrThrow();
        var newer = new IamToken("x.y.z", "Bearer", _time.GetUtcNow(), TimeSpan.FromHours(1));

        Tokens.Invalidate(IbmSimulatorFixture.SandboxKey, newer);
        Assert.Same(first, (await Tokens.GetTokenAsync(IbmSimulatorFixture.SandboxKey)).Value);
        Tokens.Invalidate(IbmSimulatorFixture.SandboxKey, first);
        var replaced = (await Tokens.GetTokenAsync(IbmSimulatorFixture.SandboxKey)).GetValueOrThrow();

        Assert.NotSame(first, replaced);
        Assert.Equal(2, Simulator.Requests.Since(before).Iam);
    }
}
