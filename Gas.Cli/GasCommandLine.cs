using System.CommandLine;
using Gas.Cli.Commands;

namespace Gas.Cli;

/// <summary>The <c>gas</c> command line: submit, status, list, download; exit codes as in <see cref="ExitCodes"/>.</summary>
public static class GasCommandLine
{
    /// <summary>The service's address for every command (after the command or before it).</summary>
    internal static readonly Option<string?> UrlOption = new("--url")
    {
        Description = $"The GAS service's address (default: ${ApiSession.UrlVariable}, else {ApiSession.DefaultUrl})",
        Recursive = true,
    };

    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand(
            $"Command-line client for the GAS annotation service. The personal access token comes from ${ApiSession.TokenVariable}.\n" +
            "Exit codes: 0 success (job completed), 1 usage or HTTP error, 2 job failed, 3 timed out waiting.")
        {
            UrlOption,
            SubmitCommand.Create(console),
            StatusCommand.Create(console),
            ListCommand.Create(console),
            DownloadCommand.Create(console),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct = default)
    {
        var parsed = Build(console).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // one line per mistake on standard error, not the whole help on standard output: a pipeline's log stays readable
            foreach (var error in parsed.Errors)
            {
                await console.Error.WriteLineAsync("usage: " + OneLine(error.Message));
            }

            var command = parsed.CommandResult.Command is RootCommand ? "gas" : "gas " + parsed.CommandResult.Command.Name;
            await console.Error.WriteLineAsync($"see: {command} --help");
            return ExitCodes.Error;
        }

        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
        return await parsed.InvokeAsync(invocation, ct);
    }

    /// <summary>
    /// Refuses a number outside <paramref name="accepts"/>; a value that is not a number at all is left to the parser's
    /// own message (reading it here would throw).
    /// </summary>
    internal static void Within(Option option, Func<int, bool> accepts, string message) =>
        option.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && int.TryParse(token.Value, System.Globalization.CultureInfo.InvariantCulture, out var value) && !accepts(value))
            {
                result.AddError(message);
            }
        });

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Runs a command's body, turning its failure into the exit code and one line on standard error.</summary>
    internal static async Task<int> GuardAsync(CliConsole console, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CliException failure)
        {
            await console.Error.WriteLineAsync(failure.Message);
            return failure.ExitCode;
        }
        catch (Exception e) when (e is HttpRequestException or HttpIOException)
        {
            // the connection dropped after the answer began, e.g. in the middle of a download
            await console.Error.WriteLineAsync($"the connection to the service broke off: {e.Message}");
            return ExitCodes.Error;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("cancelled");
            return ExitCodes.Error;
        }
        catch (IOException e)
        {
            await console.Error.WriteLineAsync($"file error: {e.Message}");
            return ExitCodes.Error;
        }
        catch (UnauthorizedAccessException e)
        {
            await console.Error.WriteLineAsync($"file error: {e.Message}");
            return ExitCodes.Error;
        }
    }
}
