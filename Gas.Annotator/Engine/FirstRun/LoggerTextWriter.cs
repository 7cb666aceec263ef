using System.Text;
using Microsoft.Extensions.Logging;

namespace Gas.Annotator.Engine.FirstRun;

/// <summary>Hands each line a <see cref="Reference.ReferenceFetcher"/> writes to a logger, so the service's console shows the fetch and its progress bar.</summary>
internal sealed partial class LoggerTextWriter(ILogger logger) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void WriteLine(string? value) => LogLine(value ?? "");

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private partial void LogLine(string line);
}
