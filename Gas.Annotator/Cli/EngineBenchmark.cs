using Microsoft.Extensions.Configuration;

namespace Gas.Annotator.Cli;

internal static class EngineBenchmark
{
    public static Task<int> RunAsync(string[] args, IConfiguration configuration) => Task.FromResult(args.Length + (configuration is null ? 1 : 0));
}
