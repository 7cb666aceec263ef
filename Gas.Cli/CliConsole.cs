namespace Gas.Cli;

/// <summary>Where a command reads its environment and writes: the process's own, or a test's.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool ErrorIsTerminal, Func<string, string?> Environment)
{
    public static CliConsole FromProcess() =>
        new(Console.Out, Console.Error, !Console.IsErrorRedirected, System.Environment.GetEnvironmentVariable);
}
