using Gas.Annotator.Cli;
using Gas.Annotator.Engine;
using Gas.Annotator.Worker;
using Gas.Core;
using Gas.Core.Configuration;
using Microsoft.Extensions.Hosting;

namespace Gas.Annotator;

/// <summary>The annotator daemon (the default) and its command-line tools.</summary>
public static class Program
{
    /// <summary>Each tool answers null when the arguments are not its own; then the next one is asked.</summary>
    private static readonly Func<string[], Task<int?>>[] Commands =
    [
        args => Optional(AwsCommands.TryRunAsync(args)),
        args => Optional(EngineCommands.TryRunAsync(args)),
        args => Optional(ResultsIndexCommands.TryRunAsync(args)),
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

    private static async Task<int?> Optional(Task<int>? command) => command is null ? null : await command;

    private static async Task<int> RunDaemonAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddGasCore(builder.Configuration);
        builder.Services.AddGasAdapters(builder.Configuration);
        builder.Services.AddAnnotationEngine(builder.Configuration);
        builder.Services.AddAnnotatorWorker(builder.Configuration);
        using var host = builder.Build();
        if (!ConfigurationCheck.Passes(host.Services))
        {
            return 1;
        }

        await host.RunAsync();
        return 0;
    }
}
