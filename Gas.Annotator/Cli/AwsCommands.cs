using Gas.Core;
using Gas.Core.Aws;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gas.Annotator.Cli;

/// <summary><c>aws provision</c>: creates the AWS resources GAS needs when they are absent (idempotent).</summary>
public static class AwsCommands
{
    public const string Usage = "usage: Gas.Annotator aws provision [--Gas:Aws:ServiceUrl=http://127.0.0.1:4566 ...]";

    /// <summary>Runs the command when <paramref name="args"/> start with <c>aws</c>; null when they are not ours.</summary>
    public static Task<int>? TryRunAsync(string[] args, CancellationToken ct = default)
    {
        if (args is not ["aws", ..])
        {
            return null;
        }

        return args is ["aws", "provision", .. var rest]
            ? ProvisionAsync(BuildConfiguration(rest), ct)
            : Task.FromResult(Fail(Usage));
    }

    /// <summary>Provisions with a given configuration (the <c>Gas</c> section as the app reads it).</summary>
    public static async Task<int> ProvisionAsync(IConfiguration configuration, CancellationToken ct = default)
    {
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information))
            .AddGasCore(configuration)
            .AddAwsAdapters(configuration);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        try
        {
            await provider.GetRequiredService<AwsResourceProvisioner>().ProvisionAsync(ct);
            Console.WriteLine("AWS resources are in place.");
            return 0;
        }
        catch (Exception e) when (e is Amazon.Runtime.AmazonServiceException or SnsException or HttpRequestException or InvalidOperationException)
        {
            return Fail($"aws provision failed: {e.Message}");
        }
    }

    private static IConfiguration BuildConfiguration(string[] args) =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production"}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
