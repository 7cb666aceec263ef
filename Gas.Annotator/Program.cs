namespace Gas.Annotator;

public static class Program
{
    public static int Main(string[] args)
    {
        if (Cli.EngineCommands.TryRunAsync(args) is { } engineCommand)
        {
            return engineCommand.GetAwaiter().GetResult();
        }

        Console.WriteLine("Gas.Annotator: daemon entry point arrives with the worker.");
        return args.Length;
    }
}
