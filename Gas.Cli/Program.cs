namespace Gas.Cli;

/// <summary>The <c>gas</c> tool's entry point.</summary>
internal static class GasProgram
{
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return await GasCommandLine.RunAsync(args, CliConsole.FromProcess(), cancel.Token);
    }
}
