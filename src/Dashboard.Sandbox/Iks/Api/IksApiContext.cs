using Dashboard.Sandbox.Iks.Catalog;
using Dashboard.Sandbox.Iks.State;

namespace Dashboard.Sandbox.Iks.Api;

/// <summary>What the endpoints share.</summary>
internal sealed record IksApiContext(
    IksCatalog Catalog,
    IksRegistry Registry,
    IamTokenIssuer Tokens,
    SandboxIksFaultInjector Faults,
    IksRequestCounters Counters,
    TimeProvider Time);
