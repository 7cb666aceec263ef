using System.Diagnostics;
using System.Globalization;
using Gas.Annotator.Load;
using Gas.Annotator.Worker;
using Gas.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gas.Annotator.Cli;

/// <summary>
/// <c>Gas.Annotator load --count N [--users U] [--wait] [--timeout SECONDS]</c>: floods the job-request topic with N
/// jobs for U test users through the daemon's own ports and configuration; any other argument is configuration
/// (e.g. <c>--Gas:Embedded:DataDirectory=/srv/gas/.data</c>, which must be the running service's).
/// </summary>
public static class LoadCommand
{
    public const string Name = "load";

    private const string Usage =
        "usage: Gas.Annotator load --count N [--users U] [--wait] [--timeout SECONDS] [--poll SECONDS] [--Gas:Key=value ...]\n" +
        "       Gas.Annotator load --latency VCF --count N [--Gas:Key=value ...]   (N jobs of that file one after another: upload → COMPLETED p50)";

    /// <summary>Runs the command when <paramref name="args"/> start with <c>load</c>; null when they are not this command's.</summary>
    public static Task<int?> TryRunAsync(string[] args) => TryRunAsync(args, Console.Out, Console.Error, CancellationToken.None);

    public static async Task<int?> TryRunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (args is not [Name, ..])
        {
            return null;
        }

        if (!LoadArguments.TryParse(args[1..], out var parsed, out var problem))
        {
            await error.WriteLineAsync($"load: {problem}");
            await error.WriteLineAsync(Usage);
            return 2;
        }

        using var host = TryBuildHost(parsed.Configuration, out var invalid);
        if (host is null)
        {
            await error.WriteLineAsync($"load: invalid configuration: {invalid}");
            return 2;
        }

        var generator = host.Services.GetRequiredService<LoadGenerator>();
        if (parsed.LatencyInput is { } latencyInput)
        {
            return await LoadLatency.RunAsync(host.Services, latencyInput, parsed.Count, parsed.Timeout, output, error, ct);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"load: submitting {parsed.Count} jobs for {parsed.Users} test users"));
        var startedAt = Stopwatch.GetTimestamp();
        var ids = await generator.SubmitAsync(parsed.Count, parsed.Users, ct: ct);
        var submitTime = Stopwatch.GetElapsedTime(startedAt);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"load: submitted {ids.Count} jobs in {submitTime.TotalSeconds:F1} s ({ids.Count / Math.Max(submitTime.TotalSeconds, 0.001):F1} jobs/s)"));
        if (!parsed.Wait)
        {
            return 0;
        }

        var result = await generator.WaitAsync(ids, startedAt, submitTime, parsed.Timeout, parsed.PollInterval,
            new ThrottledProgress(error, TimeSpan.FromSeconds(5)), ct);
        await output.WriteLineAsync(Describe(result));
        if (result.AllCompleted)
        {
            await output.WriteLineAsync("load: OK, every job COMPLETED");
            return 0;
        }

        var timedOut = result.Unfinished > 0
            ? string.Create(CultureInfo.InvariantCulture, $" ({result.Unfinished} still unfinished when the {parsed.Timeout.TotalSeconds:F0} s timeout ran out)")
            : "";
        await error.WriteLineAsync($"load: FAILED, {result.Completed} of {result.Submitted} jobs COMPLETED{timedOut}");
        return 1;
    }

    /// <summary>The daemon's services over the given configuration, validated as the daemon validates them at start-up.</summary>
    private static IHost? TryBuildHost(string[] configuration, out string problem)
    {
        problem = "";
        var builder = Host.CreateApplicationBuilder(configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        IHost? host = null;
        try
        {
            builder.Services.AddGasCore(builder.Configuration);
            // Throws for an adapter family this build does not have.
            builder.Services.AddGasAdapters(builder.Configuration);
            builder.Services.AddAnnotatorWorker(builder.Configuration, runWorker: false);
            builder.Services.AddSingleton<LoadGenerator>();
            host = builder.Build();
            host.Services.GetService<IStartupValidator>()?.Validate();
            return host;
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
        {
            host?.Dispose();
            problem = e.Message;
            return null;
        }
    }

    /// <summary>Writes the running counts now and then while waiting, synchronously (no thread-pool reordering).</summary>
    private sealed class ThrottledProgress(TextWriter writer, TimeSpan every) : IProgress<LoadReport>
    {
        private readonly Stopwatch _since = Stopwatch.StartNew();

        public void Report(LoadReport value)
        {
            if (_since.Elapsed >= every)
            {
                writer.WriteLine(Describe(value));
                _since.Restart();
            }
        }
    }

    private static string Describe(LoadReport report) => string.Create(CultureInfo.InvariantCulture,
        $"load: submitted {report.Submitted}, completed {report.Completed}, failed {report.Failed}, unfinished {report.Unfinished}; " +
        $"{report.Elapsed.TotalSeconds:F1} s elapsed, {report.JobsPerSecond:F2} jobs/s");
}

/// <summary>The load command's own options, and the rest of the arguments, which are configuration.</summary>
public sealed record LoadArguments(int Count, int Users, bool Wait, TimeSpan Timeout, TimeSpan PollInterval, string[] Configuration)
{
    /// <summary>With <c>--latency VCF</c>: jobs of that file, one at a time, each timed from upload to COMPLETED.</summary>
    public string? LatencyInput { get; init; }

    public static bool TryParse(string[] args, out LoadArguments parsed, out string problem)
    {
        parsed = new LoadArguments(0, 1, false, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1), []);
        problem = "";
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--wait":
                    parsed = parsed with { Wait = true };
                    continue;
                case "--latency":
                    if (i + 1 >= args.Length || !File.Exists(args[i + 1]))
                    {
                        problem = "--latency needs an existing VCF file";
                        return false;
                    }

                    parsed = parsed with { LatencyInput = args[++i] };
                    continue;
                case "--count" or "--users" or "--timeout" or "--poll":
                    if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
                    {
                        problem = $"{arg} needs a whole number of at least 1";
                        return false;
                    }

                    i++;
                    parsed = arg switch
                    {
                        "--count" => parsed with { Count = value },
                        "--users" => parsed with { Users = value },
                        "--timeout" => parsed with { Timeout = TimeSpan.FromSeconds(value) },
                        _ => parsed with { PollInterval = TimeSpan.FromSeconds(value) },
                    };
                    continue;
                default:
                    // Anything else is configuration, as the daemon takes it: --Gas:Key=value or --Gas:Key value.
                    if (!arg.StartsWith("--", StringComparison.Ordinal) || !arg.Contains(':', StringComparison.Ordinal))
                    {
                        problem = $"unknown argument '{arg}'";
                        return false;
                    }

                    configuration.Add(arg);
                    if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                    {
                        configuration.Add(args[++i]);
                    }

                    continue;
            }
        }

        if (parsed.Count < 1)
        {
            problem = "--count is required";
            return false;
        }

        parsed = parsed with { Configuration = [.. configuration] };
        return true;
    }
}
