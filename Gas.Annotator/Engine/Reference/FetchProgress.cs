using System.Globalization;

namespace Gas.Annotator.Engine.Reference;

/// <summary>How far a reference fetch is: the file being downloaded (number <see cref="FileNumber"/> of <see cref="FileCount"/>) and its bytes so far.</summary>
/// <param name="Length">The file's full size when the server said it (Content-Length or Content-Range), else null.</param>
public sealed record FetchProgress(string FileName, string Kind, int FileNumber, int FileCount, long Bytes, long? Length)
{
    /// <summary>The whole fetch's share done, 0–1: finished files count whole, the current one by its bytes (nothing while its size is unknown).</summary>
    public double Fraction =>
        FileCount == 0 ? 1 : Math.Clamp(((FileNumber - 1) + (Length is > 0 and var length ? Math.Min(1.0, (double)Bytes / length) : 0)) / FileCount, 0, 1);

    /// <summary>The whole percent done, rounded down (100 only when the last file is complete).</summary>
    public int Percent => (int)Math.Floor(Fraction * 100);

    /// <summary>A console progress bar: <c>[########------------]  43 % refGene.txt.gz (1 of 3)</c>.</summary>
    public string Bar(int width = 30)
    {
        var filled = (int)Math.Round(Fraction * width);
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('-', width - filled)}] {Percent,3} % {FileName} ({FileNumber} of {FileCount})");
    }
}

/// <summary>Writes a fetch's progress as a bar on a console, one line per whole step, so logs and terminals both stay readable.</summary>
public sealed class ConsoleProgressBar(TextWriter output, int stepPercent = 5) : IProgress<FetchProgress>
{
    private readonly Lock _gate = new();
    private (string File, int Step) _last = ("", -1);

    public void Report(FetchProgress value)
    {
        var step = value.Percent / stepPercent;
        lock (_gate)
        {
            if ((value.FileName, step) == _last)
            {
                return;
            }

            _last = (value.FileName, step);
            output.WriteLine(value.Bar());
        }
    }
}
