using Dashboard.Sandbox.Iks.Api;

namespace Dashboard.Sandbox.Iks;

/// <summary>
/// The simulator's fault switchboard: error rates for 429/500/503 (with <c>Retry-After</c>), extra latency, an IAM
/// outage, registrations stuck in <c>creating</c>, the regenerate limit, and scripted failures ("the next 2 requests
/// answer 503") for deterministic tests. Also reachable over HTTP at <c>/sandbox/faults</c>.
/// </summary>
public sealed class SandboxIksFaultInjector
{
    /// <summary>The endpoint name of IAM's token endpoint in scripted faults and request counts.</summary>
    public const string IamEndpoint = "iam.token";

    private readonly SandboxIksFaultOptions _configured;
    private readonly Lock _gate = new();
    private readonly List<ScriptedFault> _script = [];
    private SandboxIksFaultOptions _current;
    private Random _dice;

    internal SandboxIksFaultInjector(SandboxIksFaultOptions configured)
    {
        _configured = configured.Clone();
        _current = configured.Clone();
        _dice = NewDice(_current);
    }

    /// <summary>Raised when faults change (e.g. <see cref="SandboxIksFaultOptions.StuckCreating"/> turned off: stuck registrations proceed).</summary>
    public event Action? Changed;

    /// <summary>A copy of the faults in force.</summary>
    public SandboxIksFaultOptions Current
    {
        get
        {
            lock (_gate)
            {
                return _current.Clone();
            }
        }
    }

    /// <summary>How many scripted failures are still queued.</summary>
    public int PendingScripted
    {
        get
        {
            lock (_gate)
            {
                return _script.Sum(s => s.Remaining);
            }
        }
    }

    /// <summary>Replaces the faults in force. Throws <see cref="ArgumentException"/> naming a bad value (nothing changes then).</summary>
    public void Set(SandboxIksFaultOptions faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        Validate(faults);
        lock (_gate)
        {
            _current = faults.Clone();
            _dice = NewDice(_current);
        }

        Changed?.Invoke();
    }

    /// <summary>Back to the configured faults; scripted failures are dropped.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _current = _configured.Clone();
            _dice = NewDice(_current);
            _script.Clear();
        }

        Changed?.Invoke();
    }

    /// <summary>The next <paramref name="count"/> requests (to <paramref name="endpoint"/>, or to any IKS endpoint when null) answer <paramref name="status"/>.</summary>
    public void FailNext(int status, int count = 1, string? endpoint = null)
    {
        ValidateScripted(status, count);
        lock (_gate)
        {
            _script.Add(new ScriptedFault(status, endpoint) { Remaining = count });
        }
    }

    /// <summary>The injected error for a request to <paramref name="endpoint"/>, if any: scripted first, then the dice (IKS endpoints only).</summary>
    internal IksApiError? Roll(string endpoint)
    {
        lock (_gate)
        {
            var scripted = _script.FirstOrDefault(s => s.Endpoint == endpoint || (s.Endpoint is null && endpoint != IamEndpoint));
            if (scripted is not null)
            {
                if (--scripted.Remaining == 0)
                {
                    _script.Remove(scripted);
                }

                return IksErrorCatalog.Injected(scripted.Status, _current.RetryAfterSeconds);
            }

            if (endpoint == IamEndpoint || (_current.Rate429 + _current.Rate500 + _current.Rate503) <= 0)
            {
                return null;
            }

            var roll = _dice.NextDouble();
            return roll < _current.Rate429 ? IksErrorCatalog.Injected(429, _current.RetryAfterSeconds)
                : roll < _current.Rate429 + _current.Rate500 ? IksErrorCatalog.Injected(500, _current.RetryAfterSeconds)
                : roll < _current.Rate429 + _current.Rate500 + _current.Rate503 ? IksErrorCatalog.Injected(503, _current.RetryAfterSeconds)
                : null;
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the problem when a scripted failure cannot be queued.</summary>
    internal static void ValidateScripted(int status, int count)
    {
        if (status is not (429 or 500 or 502 or 503 or 504))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Scripted failures answer 429, 500, 502, 503 or 504.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
    }

    internal static void Validate(SandboxIksFaultOptions faults)
    {
        foreach (var (name, rate) in new[] { ("rate429", faults.Rate429), ("rate500", faults.Rate500), ("rate503", faults.Rate503) })
        {
            if (rate is < 0 or > 1 || double.IsNaN(rate))
            {
                throw new ArgumentException($"{name} is {rate}; use a share from 0 to 1.", nameof(faults));
            }
        }

        if (faults.Rate429 + faults.Rate500 + faults.Rate503 > 1)
        {
            throw new ArgumentException("rate429 + rate500 + rate503 exceed 1.", nameof(faults));
        }

        if (faults.RetryAfterSeconds is < 0 or > 3600 || faults.ExtraLatency < TimeSpan.Zero || faults.ExtraLatency > TimeSpan.FromMinutes(5) || faults.RegenerateDailyLimit < 0)
        {
            throw new ArgumentException("retryAfterSeconds must be 0-3600, extraLatency 0-5 minutes and regenerateDailyLimit not negative.", nameof(faults));
        }
    }

    private static Random NewDice(SandboxIksFaultOptions faults) => faults.Seed is { } seed ? new Random(seed) : new Random();

    private sealed class ScriptedFault(int status, string? endpoint)
    {
        public int Status { get; } = status;

        public string? Endpoint { get; } = endpoint;

        public int Remaining { get; set; }
    }
}
