namespace Gas.Annotator.Engine.Validation;

/// <summary>One finding with its line, as a tally keeps it until the findings of a run are merged in file order.</summary>
internal readonly record struct NotedLine(int Rule, long Line, string Message);

/// <summary>
/// The findings of one stretch of lines: a count per rule, and a message for the first lines of each (enough for the log). Formatting
/// a message is the only allocation, so a caller asks <see cref="Broke"/> first and formats only when it answers true.
/// </summary>
internal class FindingTally(VcfValidation run)
{
    /// <summary>Lines kept per rule: the log lists this many; the job page and the API show the first few.</summary>
    public const int LinesPerRule = 100;

    private readonly long[] _counts = new long[VcfRules.All.Count];
    private readonly int[] _noted = new int[VcfRules.All.Count];
    private VcfRule? _pending;
    private long _pendingLine;

    public List<NotedLine> Lines { get; } = [];

    public long Count(VcfRule rule) => _counts[rule.Index];

    /// <summary>Counts a broken rule on a line; true when the caller should describe it with <see cref="Say"/>.</summary>
    public bool Broke(VcfRule rule, long line)
    {
        _counts[rule.Index]++;
        if (_noted[rule.Index] >= LinesPerRule || run.HasEnoughLines(rule))
        {
            return false;
        }

        _pending = rule;
        _pendingLine = line;
        return true;
    }

    /// <summary>The message for the finding <see cref="Broke"/> just counted.</summary>
    public void Say(string message)
    {
        var rule = _pending ?? throw new InvalidOperationException("Say follows a Broke that answered true.");
        _noted[rule.Index]++;
        Lines.Add(new NotedLine(rule.Index, _pendingLine, message));
        _pending = null;
    }

    public virtual void Clear()
    {
        Array.Clear(_counts);
        Array.Clear(_noted);
        Lines.Clear();
        _pending = null;
    }
}
