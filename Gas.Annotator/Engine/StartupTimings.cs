using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Gas.Annotator.Engine;

/// <summary>
/// Where a process's fixed cost goes, phase by phase (wall, CPU, methods JIT-compiled, JIT time, GCs), printed by
/// <c>annotate --timings</c> and by the engine benchmark. Off unless started: <see cref="Mark"/> is then one null check.
/// </summary>
public static class StartupTimings
{
    private static List<Phase>? _phases;
    private static Snapshot _last;

    private readonly record struct Snapshot(long Ticks, TimeSpan Cpu, long Methods, TimeSpan Jit, int Gcs)
    {
        public static Snapshot Now() => new(
            Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime, JitInfo.GetCompiledMethodCount(),
            JitInfo.GetCompilationTime(), GC.CollectionCount(0));
    }

    private sealed record Phase(string Name, double WallMs, double CpuMs, long Methods, double JitMs, int Gcs);

    public static bool Enabled => _phases is not null;

    /// <summary>
    /// Starts recording; the first phase is what ran before Main (host, runtime, assembly loading), its wall time from the
    /// kernel's process start time, which has a resolution of one clock tick (10 ms).
    /// </summary>
    public static void Start()
    {
        var now = Snapshot.Now();
        var beforeMain = DateTime.Now - Process.GetCurrentProcess().StartTime;
        _phases = [new Phase("runtime start (process start to Main)", beforeMain.TotalMilliseconds, now.Cpu.TotalMilliseconds,
            now.Methods, now.Jit.TotalMilliseconds, now.Gcs)];
        _last = now;
    }

    /// <summary>Ends the phase running since the previous mark and names it.</summary>
    public static void Mark(string phase)
    {
        if (_phases is null)
        {
            return;
        }

        var now = Snapshot.Now();
        _phases.Add(new Phase(phase, Stopwatch.GetElapsedTime(_last.Ticks, now.Ticks).TotalMilliseconds,
            (now.Cpu - _last.Cpu).TotalMilliseconds, now.Methods - _last.Methods, (now.Jit - _last.Jit).TotalMilliseconds, now.Gcs - _last.Gcs));
        _last = now;
    }

    /// <summary>The phases as a table, with their sum; nothing when recording was never started.</summary>
    public static void Write(TextWriter writer)
    {
        if (_phases is null)
        {
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        writer.WriteLine("| phase | wall ms | CPU ms | methods JIT-compiled | JIT ms | gen0 GCs |");
        writer.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var p in _phases)
        {
            writer.WriteLine(string.Create(inv, $"| {p.Name} | {p.WallMs:0.0} | {p.CpuMs:0.0} | {p.Methods} | {p.JitMs:0.0} | {p.Gcs} |"));
        }

        writer.WriteLine(string.Create(inv,
            $"| total (to exit; unloading not counted) | {_phases.Sum(p => p.WallMs):0.0} | {_phases.Sum(p => p.CpuMs):0.0} | {_phases.Sum(p => p.Methods)} | {_phases.Sum(p => p.JitMs):0.0} | {_phases.Sum(p => p.Gcs)} |"));
    }
}
