using System.Diagnostics;
using System.Globalization;

namespace Gas.Annotator.Cli;

/// <summary>Running the tools and reading what they left: records written, peak memory, programs on PATH.</summary>
internal static partial class EngineBenchmark
{
    private static long CountRecords(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        long count = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length > 0 && line[0] != '#')
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The peak resident memory <c>/usr/bin/time</c> wrote: the last field of its last line, in KB.</summary>
    private static double PeakMb(string timeFile)
    {
        var fields = TimeFields(timeFile);
        return fields.Length > 0 && long.TryParse(fields[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb / 1024.0 : double.NaN;
    }

    /// <summary>User plus system CPU seconds, from a time file written with <c>-f "%U %S %M"</c>; null for any other.</summary>
    private static double? CpuSeconds(string timeFile)
    {
        var fields = TimeFields(timeFile);
        return fields.Length == 3
            && double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var user)
            && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var system)
            ? user + system
            : null;
    }

    private static string[] TimeFields(string timeFile)
    {
        var text = File.Exists(timeFile) ? File.ReadAllLines(timeFile).LastOrDefault(l => l.Trim().Length > 0) : null;
        return text?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
    }

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);

    private static async Task<string> RunAsync(string file, string[] arguments, Dictionary<string, string>? environment = null, string? captureStdout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stderr = process.StandardError.ReadToEndAsync();
        if (captureStdout is not null)
        {
            await using var file2 = File.Create(captureStdout);
            await process.StandardOutput.BaseStream.CopyToAsync(file2);
        }
        else
        {
            await process.StandardOutput.ReadToEndAsync();
        }

        await process.WaitForExitAsync();
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors}");
        }

        return errors;
    }
}
