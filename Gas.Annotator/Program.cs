using Gas.Annotator.Cli;
using Gas.Annotator.Worker;
using Gas.Core;
using Microsoft.Extensions.Hosting;

namespace Gas.Annotator;

/// <summary>The annotator daemon (the default) and its command-line tools.</summary>
public static class Program
{
    /// <summary>Each tool returns null when the arguments are not its own; then the next one is asked.</summary>
    private static readonly Func<string[], Task<int?>>[] Commands =
    [
        LoadCommand.TryRunAsync,
    ];

    public static async Task<int> Main(string[] args)
    {
        foreach (var command in Commands)
        {
            if (await command(args) is { } exitCode)
            {
                return exitCode;
            }
        }

        return await RunDaemonAsync(args);
    }

    private static async Task<int> RunDaemonAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddGasCore(builder.Configuration);
        builder.Services.AddGasAdapters(builder.Configuration);
        builder.Services.AddAnnotatorWorker(builder.Configuration);
        using var host = builder.Build();
        await host.RunAsync();
        return 0;
    }
}
