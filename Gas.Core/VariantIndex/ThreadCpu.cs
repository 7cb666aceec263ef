using System.Runtime.InteropServices;

namespace Gas.Core.VariantIndex;

/// <summary>
/// The calling thread's CPU time, where the system gives it per thread (64-bit Linux: <c>clock_gettime</c> with
/// <c>CLOCK_THREAD_CPUTIME_ID</c>); null elsewhere. For saying what building an index cost apart from the engine's threads,
/// whose time the process's CPU figure mixes in. Not <c>/proc/thread-self/schedstat</c>: the kernel brings that count up to
/// date only at its scheduler's ticks and switches, so a build shorter than a tick could read as taking no CPU at all.
/// </summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static TimeSpan? Now()
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return null;
        }

        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out var time) == 0
                ? TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100)
                : null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clockId, out TimeSpec time);

    /// <summary>struct timespec on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
