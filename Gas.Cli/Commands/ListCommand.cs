using System.CommandLine;

namespace Gas.Cli.Commands;

/// <summary><c>gas list</c>: the user's jobs, newest first, a page at a time.</summary>
public static class ListCommand
{
    public static Command Create(CliConsole console)
    {
        var page = new Option<int>("--page") { Description = "Which page (from 1)", DefaultValueFactory = _ => 1 };
        var pageSize = new Option<int>("--page-size") { Description = "Jobs per page", DefaultValueFactory = _ => 20 };
        var search = new Option<string?>("--search") { Description = "Only jobs whose name or input file contains this text", HelpName = "Q" };
        var json = new Option<bool>("--json") { Description = "Print the API's JSON for the page" };
        GasCommandLine.Within(page, p => p >= 1, "--page must be 1 or more.");
        GasCommandLine.Within(pageSize, n => n is >= 1 and <= 100, "--page-size must be between 1 and 100.");

        var command = new Command("list", "List your jobs, newest first") { page, pageSize, search, json };
        command.SetAction((parsed, ct) => GasCommandLine.GuardAsync(console, async () =>
        {
            using var session = ApiSession.Open(console, parsed.GetValue(GasCommandLine.UrlOption));
            var (jobs, text) = await session.Api.ListJobsAsync(parsed.GetValue(page), parsed.GetValue(pageSize), parsed.GetValue(search), ct);
            await console.Out.WriteLineAsync(parsed.GetValue(json) ? text : JobText.Table(jobs));
            return ExitCodes.Success;
        }));
        return command;
    }
}
