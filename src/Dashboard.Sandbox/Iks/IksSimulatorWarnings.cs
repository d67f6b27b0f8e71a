using Microsoft.Extensions.Logging;

namespace Dashboard.Sandbox.Iks;

/// <summary>
/// Problems the simulator worked around (a damaged CA or state file set aside): each is logged once with named
/// placeholders, and kept as a sentence for <see cref="SandboxIksSimulator.StartupWarnings"/>.
/// </summary>
/// <param name="logger">The simulator's logger.</param>
internal sealed class IksSimulatorWarnings(ILogger logger)
{
    private readonly List<string> _items = [];

    /// <summary>Every warning so far, oldest first.</summary>
    public IReadOnlyList<string> Items
    {
        get
        {
            lock (_items)
            {
                return [.. _items];
            }
        }
    }

    /// <summary>A CA certificate or key file could not be loaded; it was moved to <paramref name="asidePath"/> and <paramref name="authority"/> created anew.</summary>
    public void CaFileSetAside(string authority, string path, string problem, string asidePath)
    {
        IksSimulatorLog.CaFileSetAside(logger, path, problem, asidePath, authority);
        Add($"The sandbox CA file {path} could not be used ({problem}); it was moved to {asidePath} and a new {authority} was created.");
    }

    /// <summary>The state file could not be read; it was moved to <paramref name="asidePath"/> and the simulator starts without registrations.</summary>
    public void StateFileSetAside(string path, string problem, string asidePath)
    {
        IksSimulatorLog.StateFileSetAside(logger, path, problem, asidePath);
        Add($"The IKS simulator state {path} could not be read ({problem}); it was moved to {asidePath} and the simulator started without its registrations.");
    }

    private void Add(string warning)
    {
        lock (_items)
        {
            _items.Add(warning);
        }
    }
}
