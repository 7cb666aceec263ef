using System.Globalization;

namespace Gas.Annotator.Engine.Validation;

/// <summary>
/// Checks records against the declared version's rules on their bytes, for one worker thread: the engine calls
/// <see cref="BeginBatch"/>, <see cref="Check"/> for each record <see cref="VcfRecord.Parse"/> accepted, then <see cref="EndBatch"/>
/// (also when the batch failed). No allocation per record, except a message for the first lines of each rule.
/// </summary>
internal sealed partial class RecordValidator
{
    private readonly VcfValidation _run;
    private readonly HeaderDefinitions _definitions;
    private readonly bool _enabled;
    private VcfVersion _version;
    private bool _headerRead;
    private BatchTally? _tally;
    private ContigRun? _contig;
    private byte[] _contigBytes = [];
    private string _contigName = "";
    private string? _contigProblem;
    private bool _contigUndeclared;
    private long _contigLength;

    internal RecordValidator(VcfValidation run)
    {
        _run = run;
        _definitions = run.Definitions;
        _version = run.Version;
        _enabled = run.Enabled;
    }

    public void BeginBatch(long firstLine)
    {
        if (_enabled)
        {
            _tally = _run.Rent(firstLine);
            _contig = null;     // each batch starts its own runs: the merge checks order across the boundary
        }
    }

    /// <param name="lastLine">The last line read: the batch's last line, or the line that failed.</param>
    /// <param name="read">False when the batch failed: nothing after it is merged, as nothing after it was read in file order.</param>
    public void EndBatch(long lastLine, bool read)
    {
        if (_tally is { } tally)
        {
            tally.LastLine = lastLine;
            tally.Failed = !read;
            _tally = null;
            _run.Submit(tally);
        }
    }

    public void Check(VcfRecord record, long line)
    {
        if (_tally is not { } tally)
        {
            return;
        }

        if (!_headerRead)
        {
            // the first record: the header (read on this thread or before the batches started) has declared all it will
            _version = _run.Version;
            _infoSeen = new int[Math.Max(1, _definitions.InfoCount)];
            _headerRead = true;
        }

        tally.Records++;
        CheckChrom(record.Chrom, record.Pos, line);
        CheckId(record.Id, line);
        var alts = CheckAlt(record.Ref, record.Alt, line);
        CheckFilter(record.Filter, line);
        CheckInfo(record.Info, alts, line);
        if (record.HasSamples)
        {
            CheckSamples(record.Samples, alts, line);
        }
    }

    internal static string Unsorted(int pos, int previous, string chrom) =>
        $"POS {pos.ToString(CultureInfo.InvariantCulture)} comes after POS {previous.ToString(CultureInfo.InvariantCulture)} on CHROM '{Shown(chrom)}'; positions are sorted within a CHROM.";

    internal static string Shown(string text) => VcfValidation.Text(text.Length <= 40 ? text : text[..40] + "…");

    private bool Broke(VcfRule rule, long line) => _tally!.Broke(rule, line);

    private void Say(string message) => _tally!.Say(message);

    private void CheckChrom(ReadOnlySpan<byte> chrom, int pos, long line)
    {
        if (_contig is { } current && chrom.SequenceEqual(_contigBytes))
        {
            if (pos < current.LastPos && Broke(VcfRules.PosUnsorted, line))
            {
                Say(Unsorted(pos, current.LastPos, current.Name));
            }

            current.LastPos = pos;
        }
        else
        {
            StartContig(chrom, pos, line);
        }

        if (_contigProblem is not null && Broke(VcfRules.ChromName, line))
        {
            Say($"CHROM '{Shown(_contig!.Name)}' {_contigProblem}.");
        }

        if (_contigUndeclared && Broke(VcfRules.ChromUndeclared, line))
        {
            Say($"CHROM '{Shown(_contig!.Name)}' is not declared by a ##contig line, though the header declares contigs.");
        }

        if (_contigLength > 0 && pos > _contigLength + 1 && Broke(VcfRules.PosBeyondContig, line))
        {
            Say($"POS {pos.ToString(CultureInfo.InvariantCulture)} is beyond the end of CHROM '{Shown(_contig!.Name)}', whose ##contig length is {_contigLength.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    /// <summary>A new CHROM within the batch (or the batch's first): its name checked once, its declaration looked up once.</summary>
    private void StartContig(ReadOnlySpan<byte> chrom, int pos, long line)
    {
        if (!chrom.SequenceEqual(_contigBytes))
        {
            _contigBytes = chrom.ToArray();
            _contigName = HeaderDefinitions.Key(chrom);
            _contigProblem = Names.ContigProblem(chrom, _version, isChrom: true);
            _contigLength = 0;
            _contigUndeclared = _definitions.HasContigs && !_definitions.Contig(_contigName, out _contigLength);
        }

        _contig = new ContigRun(_contigName, line, pos);
        _tally!.Runs.Add(_contig);
    }

    private void CheckId(ReadOnlySpan<byte> id, long line)
    {
        if (id is [(byte)'.'])
        {
            return;
        }

        var rest = id;
        var start = 0;
        while (true)
        {
            var semicolon = rest.IndexOf((byte)';');
            var one = semicolon < 0 ? rest : rest[..semicolon];
            if (one.IsEmpty)
            {
                if (Broke(VcfRules.IdSyntax, line))
                {
                    Say($"ID '{VcfRecord.Shown(id)}' has an empty identifier (';;', or a ';' at an end).");
                }
            }
            else if (Names.HasWhitespace(one))
            {
                if (Broke(VcfRules.IdSyntax, line))
                {
                    Say($"ID '{VcfRecord.Shown(one)}' has whitespace.");
                }
            }
            else if (id[..start].Length > 0 && Repeats(id[..start], one))
            {
                if (Broke(VcfRules.IdDuplicate, line))
                {
                    Say($"ID '{VcfRecord.Shown(one)}' appears twice in this record.");
                }
            }
            else if (!one.SequenceEqual("."u8))
            {
                _tally!.AddId(one, line);
            }

            if (semicolon < 0)
            {
                return;
            }

            start += semicolon + 1;
            rest = rest[(semicolon + 1)..];
        }
    }

    /// <summary>Whether <paramref name="item"/> is one of the <paramref name="separator"/>-separated items of <paramref name="earlier"/>.</summary>
    private static bool Repeats(ReadOnlySpan<byte> earlier, ReadOnlySpan<byte> item, byte separator = (byte)';')
    {
        var rest = earlier;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf(separator);
            var one = end < 0 ? rest : rest[..end];
            if (one.SequenceEqual(item))
            {
                return true;
            }

            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return false;
    }

}
