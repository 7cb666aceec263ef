using System.IO.Hashing;

namespace Gas.Annotator.Engine.Validation;

/// <summary>A stretch of records on one CHROM within a batch: what the merge needs to check order across batches.</summary>
internal sealed class ContigRun(string name, long firstLine, int firstPos)
{
    public string Name { get; } = name;
    public long FirstLine { get; } = firstLine;
    public int FirstPos { get; } = firstPos;
    public int LastPos { get; set; } = firstPos;
}

/// <summary>An identifier from the ID column: its hash for the file-wide duplicate check, its text for the message.</summary>
internal readonly record struct IdUse(ulong Hash, long Line, int Start, int Length);

/// <summary>
/// The findings of one batch of records, plus the facts only the whole file can judge (CHROM blocks, order across batches,
/// identifiers used twice), which <see cref="VcfValidation"/> checks when it merges the batches in file order. Reused batch after batch.
/// </summary>
internal sealed class BatchTally(VcfValidation run) : FindingTally(run)
{
    private byte[] _idText = new byte[1 << 12];
    private int _idTextLength;

    public long FirstLine { get; set; }

    /// <summary>The last line read: the batch's last, or the line that failed.</summary>
    public long LastLine { get; set; }

    public long Records { get; set; }

    /// <summary>The batch stopped at a line it could not read.</summary>
    public bool Failed { get; set; }
    public List<ContigRun> Runs { get; } = [];
    public List<IdUse> Ids { get; } = [];

    public void AddId(ReadOnlySpan<byte> id, long line)
    {
        if (_idText.Length - _idTextLength < id.Length)
        {
            Array.Resize(ref _idText, Math.Max(_idText.Length * 2, _idTextLength + id.Length));
        }

        id.CopyTo(_idText.AsSpan(_idTextLength));
        Ids.Add(new IdUse(XxHash3.HashToUInt64(id), line, _idTextLength, id.Length));
        _idTextLength += id.Length;
    }

    public ReadOnlySpan<byte> IdText(IdUse use) => _idText.AsSpan(use.Start, use.Length);

    public override void Clear()
    {
        base.Clear();
        Records = 0;
        Failed = false;
        Runs.Clear();
        Ids.Clear();
        _idTextLength = 0;
    }
}
