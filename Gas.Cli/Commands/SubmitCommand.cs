using System.CommandLine;
using Gas.Cli.Api;
using Gas.Cli.Upload;

namespace Gas.Cli.Commands;

/// <summary><c>gas submit FILE.vcf</c>: upload through the presigned form, create the job, optionally wait and download.</summary>
public static class SubmitCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The VCF to annotate (.vcf or .vcf.gz)" };
        var name = new Option<string?>("--name") { Description = "A name for the job" };
        var build = new Option<string?>("--build") { Description = "The input's genome build (default: the service detects it)" };
        build.AcceptOnlyFromAmong("GRCh37", "GRCh38");
        var wait = new Option<bool>("--wait") { Description = "Wait until the job completes or fails (exit 0 or 2)" };
        var timeout = new Option<int?>("--timeout") { Description = "With --wait: give up after this many seconds (exit 3)", HelpName = "SECONDS" };
        GasCommandLine.Within(timeout, s => s > 0, "--timeout must be a positive number of seconds.");
        var output = new Option<DirectoryInfo?>("--out") { Description = "Download the annotated VCF and the log into DIR (implies --wait)", HelpName = "DIR" };

        var command = new Command("submit", "Submit a VCF for annotation; prints the job's id on standard output")
        {
            file, name, build, wait, timeout, output,
        };
        command.SetAction((parsed, ct) => GasCommandLine.GuardAsync(console, () => RunAsync(
            console,
            parsed.GetValue(GasCommandLine.UrlOption),
            parsed.GetRequiredValue(file),
            new NewJob("", parsed.GetValue(name), parsed.GetValue(build)),
            parsed.GetValue(wait) || parsed.GetValue(output) is not null,
            parsed.GetValue(timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            parsed.GetValue(output),
            ct)));
        return command;
    }

    private static async Task<int> RunAsync(
        CliConsole console, string? url, FileInfo file, NewJob job, bool wait, TimeSpan? timeout, DirectoryInfo? output, CancellationToken ct)
    {
        if (!file.Exists)
        {
            throw new CliException(ExitCodes.Error, $"{file.FullName}: no such file");
        }

        using var session = ApiSession.Open(console, url);
        var form = await session.Api.CreateUploadAsync(file.Name, ct);
        if (file.Length > form.MaxBytes)
        {
            throw new CliException(ExitCodes.Error,
                $"{file.Name} is {file.Length:N0} bytes; your plan accepts at most {form.MaxBytes:N0} bytes per file (Premium accepts larger files)");
        }

        await UploadProgress.RunAsync(file.Name, file.Length, console, progress => session.Store.UploadAsync(form, file, progress, ct));
        var created = await session.Api.CreateJobAsync(job with { Key = form.Key }, ct);
        await console.Out.WriteLineAsync(created.Id);
        await console.Out.FlushAsync(ct);
        if (!wait)
        {
            await console.Error.WriteLineAsync($"Job {created.Id}: {created.Status} (follow it with: gas status {created.Id})");
            return ExitCodes.Success;
        }

        var finished = await new JobWaiter(session.Api, console.Error).WaitAsync(created, timeout, ct);
        if (finished.Status == JobStatuses.Failed)
        {
            throw new CliException(ExitCodes.JobFailed, $"job {finished.Id} failed: {finished.FailureReason ?? "no reason given"}");
        }

        if (output is not null)
        {
            foreach (var path in await new ResultsDownloader(session.Api).DownloadAsync(finished, output, withLog: true, ct))
            {
                await console.Out.WriteLineAsync(path);
            }
        }

        return ExitCodes.Success;
    }
}
