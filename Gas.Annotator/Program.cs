using Gas.Annotator.Cli;
using Gas.Annotator.Engine;
using Gas.Annotator.Worker;
using Gas.Core;
using Microsoft.Extensions.Hosting;

namespace Gas.Annotator;

/// <summary>The annotator daemon (no arguments) and its command-line tools.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (AwsCommands.TryRunAsync(args) is { } aws)
        {
            return await aws;
        }

        if (EngineCommands.TryRunAsync(args) is { } engine)
        {
            return await engine;
        }

        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddGasCore(builder.Configuration);
        builder.Services.AddGasAdapters(builder.Configuration);
        builder.Services.AddAnnotationEngine(builder.Configuration);
        builder.Services.AddAnnotatorWorker(builder.Configuration);
        using var host = builder.Build();
        await host.RunAsync();
        return 0;
    }
}
