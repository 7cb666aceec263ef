using System.Diagnostics;
using System.Text;
using Gas.Tests.Support;

namespace Gas.Tests.Cli;

/// <summary>What one run of the built <c>gas</c> tool did.</summary>
internal sealed record GasCliRun(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => $"--- {Command} exited {ExitCode} ---\n--- stdout ---\n{StandardOutput}--- stderr ---\n{StandardError}";

    public string[] OutputLines => StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// Runs the built Gas.Cli.dll as a pipeline would (<c>dotnet Gas.Cli.dll ARGS</c>) with GAS_URL and GAS_TOKEN set, standard
/// error redirected (so not a terminal), and waits for it to exit.
/// </summary>
internal static class GasCliProcess
{
    public static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var dll = Path.Combine(Paths.RepositoryRoot, "Gas.Cli", "bin", configuration, "net10.0", "Gas.Cli.dll");
            Assert.IsTrue(File.Exists(dll), $"{dll} is missing: build the solution first.");
            return dll;
        }
    }

    public static async Task<GasCliRun> RunAsync(Uri url, string? token, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Paths.NewTempDirectory(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["GAS_URL"] = url.ToString();
        start.Environment.Remove("GAS_TOKEN");
        if (token is not null)
        {
            start.Environment["GAS_TOKEN"] = token;
        }

        var command = "gas " + string.Join(' ', args);
        var output = new StringBuilder();
        var error = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        Assert.IsTrue(process.Start(), $"{command} did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Wait.UntilAsync(() => Task.FromResult(process.HasExited), $"{command} exited", () => $"{Read(output)}\n{Read(error)}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        await process.WaitForExitAsync(); // drains the redirected streams
        return new GasCliRun(command, process.ExitCode, Read(output), Read(error));
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.Append(line).Append('\n');
            }
        }
    }

    private static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}
