namespace Gas.Cli;

/// <summary>What the process's exit code tells a pipeline.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked; for a job, it completed.</summary>
    public const int Success = 0;

    /// <summary>A usage mistake, a missing token, or an HTTP error (the message on standard error names it).</summary>
    public const int Error = 1;

    /// <summary>The job failed (its reason is on standard error).</summary>
    public const int JobFailed = 2;

    /// <summary>The job was still pending or running when <c>--timeout</c> ran out.</summary>
    public const int TimedOut = 3;
}

/// <summary>Ends a command with an exit code and one line for standard error.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
