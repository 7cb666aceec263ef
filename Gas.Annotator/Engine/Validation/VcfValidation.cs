using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Gas.Core.Validation;

namespace Gas.Annotator.Engine.Validation;

/// <summary>
/// Validates one input against the VCF specification of the version it declares, alongside annotation: the header line by line
/// (<see cref="Header"/>), the records batch by batch on the engine's worker threads (<see cref="CreateRecordValidator"/>), whose
/// findings are merged here in file order. Errors stay the engine's exceptions; everything else becomes a counted warning in
/// <see cref="Report"/>. Memory is bounded: a hundred lines per rule, and capped sets for the file-wide checks.
/// </summary>
internal sealed class VcfValidation
{
    /// <summary>Distinct identifiers the duplicate-ID check holds (8 bytes each, about 40 MB at the cap).</summary>
    internal const int MaxIds = 2_000_000;

    /// <summary>Distinct CHROM names the block check remembers.</summary>
    internal const int MaxContigs = 100_000;

    private readonly object _gate = new();
    private readonly long[] _counts = new long[VcfRules.All.Count];
    private readonly long[] _firstLine = new long[VcfRules.All.Count];
    private readonly List<FindingLine>[] _lines = new List<FindingLine>[VcfRules.All.Count];
    private readonly bool[] _enough = new bool[VcfRules.All.Count];
    private readonly Dictionary<long, BatchTally> _waiting = [];
    private readonly ConcurrentBag<BatchTally> _free = [];
    private readonly HashSet<string> _closedContigs = new(StringComparer.Ordinal);
    private readonly HashSet<ulong> _ids = [];
    private readonly FindingTally _headerFindings;
    private bool _headerMerged;
    private bool _stopped;
    private long _nextLine = 1;
    private long _records;
    private string? _lastContig;
    private int _lastPos;
    private bool _idsFull;
    private bool _contigsFull;

    /// <param name="enabled">False checks nothing beyond what the engine needs to read the file (the errors).</param>
    public VcfValidation(bool enabled = true)
    {
        Enabled = enabled;
        Array.Fill(_firstLine, long.MaxValue);
        _headerFindings = new FindingTally(this);
        Header = new HeaderValidator(this, _headerFindings);
    }

    public bool Enabled { get; }

    /// <summary>Checks the meta lines and the header line; <see cref="VcfHeader"/> calls it for each.</summary>
    internal HeaderValidator Header { get; }

    internal HeaderDefinitions Definitions => Header.Definitions;
    internal VcfVersion Version => Header.Version;

    /// <summary>A validator for one worker thread; it checks one batch at a time.</summary>
    internal RecordValidator CreateRecordValidator() => new(this);

    /// <summary>Runs an engine's annotation, attaching the report to its summary, or to the exception that refused the input.</summary>
    public async Task<AnnotationSummary> RunAsync(Func<Task<AnnotationSummary>> annotate)
    {
        try
        {
            var summary = await annotate();
            return summary with { Validation = Report() };
        }
        catch (RejectedInputException e)
        {
            e.Validation ??= Report(e);
            throw;
        }
    }

    internal bool HasEnoughLines(VcfRule rule) => Volatile.Read(ref _enough[rule.Index]);

    internal BatchTally Rent(long firstLine)
    {
        var tally = _free.TryTake(out var reused) ? reused : new BatchTally(this);
        tally.Clear();
        tally.FirstLine = firstLine;
        tally.LastLine = firstLine - 1;
        return tally;
    }

    /// <summary>Takes a checked batch; merges every batch that is next in file order. One that follows a failed batch never is.</summary>
    internal void Submit(BatchTally tally)
    {
        lock (_gate)
        {
            MergeHeader();
            _waiting[Math.Max(tally.FirstLine, _nextLine)] = tally;
            while (!_stopped && _waiting.Remove(_nextLine, out var next))
            {
                MergeFileWide(next);
                Merge(next);
                _records += next.Records;
                _nextLine = next.LastLine + 1;
                _stopped = next.Failed;
                _free.Add(next);
            }
        }
    }

    /// <summary>What was found: every warning so far and, when the input was refused, the error that stopped it.</summary>
    public ValidationReport Report(RejectedInputException? error = null)
    {
        lock (_gate)
        {
            MergeHeader();
            var findings = new List<RuleFindings>();
            if (error is not null)
            {
                findings.Add(ErrorFindings(error));
            }

            findings.AddRange(VcfRules.All.Where(r => _counts[r.Index] > 0).OrderBy(r => _firstLine[r.Index]).Select(r =>
                new RuleFindings(r.Id, r.Level, r.Title, r.Specification, _counts[r.Index], _lines[r.Index]?.ToArray() ?? [])));
            var notes = new List<string>();
            if (_idsFull)
            {
                notes.Add($"Identifiers used twice were looked for among the first {MaxIds.ToString("N0", CultureInfo.InvariantCulture)} distinct IDs.");
            }

            if (_contigsFull)
            {
                notes.Add($"CHROM blocks were checked for the first {MaxContigs.ToString("N0", CultureInfo.InvariantCulture)} distinct CHROM names.");
            }

            return new ValidationReport
            {
                Rules = Enabled ? Version.Rules : "none",
                DeclaredVersion = Header.DeclaredVersion,
                Records = _records,
                Complete = error is null,
                Findings = findings,
                Notes = notes,
            };
        }
    }

    private static RuleFindings ErrorFindings(RejectedInputException error)
    {
        if (error is VcfFormatException format)
        {
            var rule = VcfRules.Find(format.Rule);
            return new RuleFindings(format.Rule, FindingLevel.Error, rule?.Title ?? "The input is text GAS can read as VCF.",
                rule?.Specification ?? "GAS input rules", 1, [new FindingLine(format.LineNumber, format.Problem)]);
        }

        return error switch
        {
            InputTooLargeException => new RuleFindings("input-too-large", FindingLevel.Error, "The input fits the plan's limits.", "GAS plan limits", 1, [new FindingLine(null, error.Message)]),
            GenomeBuildRefusedException => new RuleFindings(
                "genome-build-refused", FindingLevel.Error, "The input is on a genome build GAS has reference data for.", "GAS genome builds", 1, [new FindingLine(null, error.Message)]),
            _ => new RuleFindings("input-damaged", FindingLevel.Error, "Compressed input is whole.", "gzip / BGZF", 1, [new FindingLine(null, error.Message)]),
        };
    }

    /// <summary>The header's findings so far come before any record's; once the header is done, records start after it.</summary>
    private void MergeHeader()
    {
        Merge(_headerFindings);
        _headerFindings.Clear();
        if (Header.Done && !_headerMerged)
        {
            _headerMerged = true;
            _nextLine = Math.Max(_nextLine, Header.ColumnsLine + 1);
        }
    }

    private void Merge(FindingTally tally)
    {
        foreach (var rule in VcfRules.All)
        {
            _counts[rule.Index] += tally.Count(rule);
        }

        foreach (var noted in tally.Lines.OrderBy(l => l.Line))
        {
            var lines = _lines[noted.Rule] ??= [];
            _firstLine[noted.Rule] = Math.Min(_firstLine[noted.Rule], noted.Line);
            if (lines.Count < FindingTally.LinesPerRule)
            {
                lines.Add(new FindingLine(noted.Line, noted.Message));
                if (lines.Count == FindingTally.LinesPerRule)
                {
                    Volatile.Write(ref _enough[noted.Rule], true);
                }
            }
        }
    }

    /// <summary>The checks across batches: CHROM blocks, POS order at batch boundaries, identifiers used by earlier records.</summary>
    private void MergeFileWide(BatchTally tally)
    {
        foreach (var run in tally.Runs)
        {
            if (string.Equals(run.Name, _lastContig, StringComparison.Ordinal))
            {
                if (run.FirstPos < _lastPos && tally.Broke(VcfRules.PosUnsorted, run.FirstLine))
                {
                    tally.Say(RecordValidator.Unsorted(run.FirstPos, _lastPos, run.Name));
                }
            }
            else
            {
                if (_lastContig is not null && !_closedContigs.Contains(_lastContig))
                {
                    _contigsFull |= _closedContigs.Count >= MaxContigs;
                    if (!_contigsFull)
                    {
                        _closedContigs.Add(_lastContig);
                    }
                }

                if (_closedContigs.Contains(run.Name) && tally.Broke(VcfRules.ChromNotContiguous, run.FirstLine))
                {
                    tally.Say($"CHROM '{RecordValidator.Shown(run.Name)}' has records again after other CHROMs; its records should form one block.");
                }
            }

            _lastContig = run.Name;
            _lastPos = run.LastPos;
        }

        foreach (var id in tally.Ids)
        {
            if (_ids.Count >= MaxIds && !_ids.Contains(id.Hash))
            {
                _idsFull = true;
                continue;
            }

            if (!_ids.Add(id.Hash) && tally.Broke(VcfRules.IdDuplicate, id.Line))
            {
                tally.Say($"ID '{VcfRecord.Shown(tally.IdText(id))}' is also the ID of an earlier record.");
            }
        }
    }

    internal static string Text(string latin1) => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(latin1));
}
