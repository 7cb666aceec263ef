namespace Gas.Annotator;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.WriteLine("Gas.Annotator: daemon entry point arrives with the worker.");
        return args.Length;
    }
}
