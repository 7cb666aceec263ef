using System.Diagnostics;

namespace Gas.Tests.Support;

/// <summary>
/// Waits on the real clock for background work or another process. The bound is generous (minutes: the machine may be
/// busy with other work) and only ever ends a wait that has already failed; a wait that gives up fails the test saying
/// what it waited for, how long, and what the waited-on part logged.
/// </summary>
public static class Wait
{
    /// <summary>How long a wait lasts unless told otherwise: long enough for a machine several times slower than usual.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> and the diagnostics after the bound.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, Func<string>? diagnostics = null, TimeSpan? bound = null)
    {
        await ForAsync(async () => await condition() ? "" : null, what, diagnostics, bound);
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value, and returns it; fails like <see cref="UntilAsync"/>.</summary>
    public static async Task<T> ForAsync<T>(Func<Task<T?>> probe, string what, Func<string>? diagnostics = null, TimeSpan? bound = null)
        where T : class
    {
        var limit = bound ?? Bound;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                var log = diagnostics?.Invoke();
                Assert.Fail($"Gave up after {limit} waiting until {what}." + (string.IsNullOrEmpty(log) ? "" : "\n" + log));
            }

            await Task.Delay(Poll);
        }
    }
}
