using System.Diagnostics;
using Spectre.Console;

namespace Gas.Cli.Upload;

/// <summary>
/// Shows an upload's progress on standard error: a live bar when standard error is a terminal, otherwise (a pipeline's
/// log) one line when it is done, so logs are not filled with redraws.
/// </summary>
public static class UploadProgress
{
    public static async Task RunAsync(string fileName, long totalBytes, CliConsole console, Func<IProgress<long>, Task> upload)
    {
        var started = Stopwatch.GetTimestamp();
        if (console.ErrorIsTerminal)
        {
            var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
            await terminal.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(fileName), maxValue: Math.Max(totalBytes, 1));
                    await upload(new Progress(sent => task.Value = sent));
                    task.Value = task.MaxValue;
                });
        }
        else
        {
            await upload(new Progress(_ => { }));
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await console.Error.WriteLineAsync($"Uploaded {fileName}: {totalBytes:N0} bytes in {seconds:0.0} s");
    }

    /// <summary>Reports on the sending thread (not a captured context): the bar reads the value on its own timer.</summary>
    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
