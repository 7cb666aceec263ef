using System.CommandLine;
using Gas.Cli.Api;

namespace Gas.Cli.Commands;

/// <summary><c>gas status JOB_ID</c>: the job's state; exit 2 when it failed, so a script can branch on it.</summary>
public static class StatusCommand
{
    public static Command Create(CliConsole console)
    {
        var id = new Argument<string>("JOB_ID") { Description = "The job's id (as printed by gas submit)" };
        var json = new Option<bool>("--json") { Description = "Print the API's JSON for the job" };
        var command = new Command("status", "Show a job's status (exit 2 if it failed)") { id, json };
        command.SetAction((parsed, ct) => GasCommandLine.GuardAsync(console, async () =>
        {
            using var session = ApiSession.Open(console, parsed.GetValue(GasCommandLine.UrlOption));
            var (job, text) = await session.Api.GetJobAsync(parsed.GetRequiredValue(id), ct);
            await console.Out.WriteLineAsync(parsed.GetValue(json) ? text : JobText.Details(job));
            return job.Status == JobStatuses.Failed ? ExitCodes.JobFailed : ExitCodes.Success;
        }));
        return command;
    }
}
