using System.Globalization;

namespace Gas.Core.VariantIndex;

/// <summary>
/// The calling thread's CPU time, where the system gives it per thread (Linux: the first field of
/// <c>/proc/thread-self/schedstat</c>, nanoseconds on a CPU); null elsewhere. For saying what building an index cost apart
/// from the engine's threads, whose time the process's CPU figure mixes in.
/// </summary>
internal static class ThreadCpu
{
    private const string SchedStat = "/proc/thread-self/schedstat";

    public static TimeSpan? Now()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var text = File.ReadAllText(SchedStat);
            var end = text.IndexOf(' ', StringComparison.Ordinal);
            return long.TryParse(text.AsSpan(0, end < 0 ? text.Length : end), NumberStyles.None, CultureInfo.InvariantCulture, out var ns)
                ? TimeSpan.FromTicks(ns / 100)
                : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
