using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Dashboard.Bench;

/// <summary>
/// Confines the whole process to one CPU for a measurement, so its wall time is what one core achieves, and restores
/// the previous affinity on dispose. On Linux <see cref="Process.ProcessorAffinity"/> only reaches the main thread
/// (sched_setaffinity acts on one thread id), so the threads the runtime already started (GC, JIT, finalizer) are
/// pinned one by one; threads started later inherit the mask of the thread that starts them.
/// </summary>
internal sealed class OneCore : IDisposable
{
    private readonly nint _previous;

    private OneCore(nint previous, int cpu, string description)
    {
        _previous = previous;
        Cpu = cpu;
        Description = description;
    }

    /// <summary>The CPU the process runs on, or -1 when it could not be pinned.</summary>
    public int Cpu { get; }

    /// <summary>What was pinned, for the report.</summary>
    public string Description { get; }

    /// <summary>Pins the process to the first CPU it may run on.</summary>
    public static OneCore Pin()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows())
        {
            return new OneCore(0, -1, "not pinned: this platform cannot set processor affinity");
        }

        using var process = Process.GetCurrentProcess();
        var previous = process.ProcessorAffinity;
        var first = previous & -previous; // the lowest allowed CPU: (IntPtr)1 unless CPU 0 is outside this container's set
        var cpu = System.Numerics.BitOperations.TrailingZeroCount((ulong)first);
        process.ProcessorAffinity = first;
        if (OperatingSystem.IsWindows())
        {
            return new OneCore(previous, cpu, $"CPU {cpu}");
        }

        SetEveryThread(first);
        var (pinned, total) = CountThreadsOn(cpu);
        return new OneCore(previous, cpu, $"CPU {cpu}, {pinned} of {total} threads");
    }

    public void Dispose()
    {
        if (Cpu < 0 || !(OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
        {
            return;
        }

        using var process = Process.GetCurrentProcess();
        process.ProcessorAffinity = _previous;
        if (OperatingSystem.IsLinux())
        {
            SetEveryThread(_previous);
        }
    }

    private static void SetEveryThread(nint mask)
    {
        var value = (ulong)mask;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            // A thread that ended meanwhile fails with ESRCH: nothing to pin.
            _ = SchedSetAffinity(int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture), sizeof(ulong), ref value);
        }
    }

    private static (int Pinned, int Total) CountThreadsOn(int cpu)
    {
        var expected = cpu.ToString(CultureInfo.InvariantCulture);
        int pinned = 0, total = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var allowed = File.ReadLines(Path.Combine(task, "status")).FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
                total++;
                pinned += allowed?.Split(':')[1].Trim() == expected ? 1 : 0;
            }
            catch (IOException)
            {
                // the thread ended while we looked
            }
        }

        return (pinned, total);
    }

    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static extern int SchedSetAffinity(int threadId, nint maskSize, ref ulong mask);
}
