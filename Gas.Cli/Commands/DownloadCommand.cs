using System.CommandLine;

namespace Gas.Cli.Commands;

/// <summary><c>gas download JOB_ID</c>: a completed job's annotated VCF (and log); exit 2 for a failed job.</summary>
public static class DownloadCommand
{
    public static Command Create(CliConsole console)
    {
        var id = new Argument<string>("JOB_ID") { Description = "The job's id" };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "The folder to save into (default: the current folder)",
            HelpName = "DIR",
            DefaultValueFactory = _ => new DirectoryInfo("."),
        };
        var log = new Option<bool>("--log") { Description = "Also download the job's log" };
        var command = new Command("download", "Download a completed job's annotated VCF; prints each saved path") { id, output, log };
        command.SetAction((parsed, ct) => GasCommandLine.GuardAsync(console, async () =>
        {
            using var session = ApiSession.Open(console, parsed.GetValue(GasCommandLine.UrlOption));
            var (job, _) = await session.Api.GetJobAsync(parsed.GetRequiredValue(id), ct);
            foreach (var path in await new ResultsDownloader(session.Api).DownloadAsync(job, parsed.GetRequiredValue(output), parsed.GetValue(log), ct))
            {
                await console.Out.WriteLineAsync(path);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
