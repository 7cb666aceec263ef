using System.Globalization;

namespace Gas.Annotator.Engine;

/// <summary>
/// Records on chromosomes the reference lacks, counted per contig for the run's warnings. Bounded however many contigs an input
/// names: past <see cref="MostTracked"/> distinct ones only a total is kept, and the warnings name at most <see cref="Examples"/>.
/// </summary>
internal sealed class MissingContigs
{
    public const int MostTracked = 100_000;
    public const int Examples = 10;

    private readonly Dictionary<string, (long FirstLine, long Records)> _contigs = new(StringComparer.Ordinal);
    private long _untrackedRecords;

    public void Add(string contig, long lineNumber)
    {
        if (_contigs.TryGetValue(contig, out var seen))
        {
            _contigs[contig] = (Math.Min(seen.FirstLine, lineNumber), seen.Records + 1);
        }
        else if (_contigs.Count < MostTracked)
        {
            _contigs[contig] = (lineNumber, 1);
        }
        else
        {
            _untrackedRecords++;
        }
    }

    /// <summary>Adds another worker's counts.</summary>
    public void Add(MissingContigs other)
    {
        foreach (var (contig, (firstLine, records)) in other._contigs)
        {
            if (_contigs.TryGetValue(contig, out var seen))
            {
                _contigs[contig] = (Math.Min(seen.FirstLine, firstLine), seen.Records + records);
            }
            else if (_contigs.Count < MostTracked)
            {
                _contigs[contig] = (firstLine, records);
            }
            else
            {
                _untrackedRecords += records;
            }
        }

        _untrackedRecords += other._untrackedRecords;
    }

    /// <summary>One warning per contig for a few; one summary naming the first <see cref="Examples"/> in file order for many.</summary>
    public IEnumerable<string> Warnings(string referenceName)
    {
        var inv = CultureInfo.InvariantCulture;
        if (_contigs.Count <= Examples && _untrackedRecords == 0)
        {
            foreach (var (contig, (_, count)) in _contigs.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                yield return contig is "MT"
                    ? $"{count.ToString("N0", inv)} record(s) on MT (the rCRS mitochondrion) have no gene annotation: the reference has no MT, and UCSC chrM is a different sequence."
                    : $"{count.ToString("N0", inv)} record(s) on {Shown(contig)} have no annotation: the reference has no such chromosome.";
            }

            yield break;
        }

        var records = _contigs.Values.Sum(v => v.Records) + _untrackedRecords;
        var contigs = _untrackedRecords > 0
            ? $"More than {MostTracked.ToString("N0", inv)} contigs"
            : $"{_contigs.Count.ToString("N0", inv)} contigs";
        var first = _contigs.OrderBy(p => p.Value.FirstLine).Take(Examples)
            .Select(p => $"{Shown(p.Key)} ({p.Value.Records.ToString("N0", inv)})");
        yield return $"{contigs} in the input are not in {referenceName}, so {records.ToString("N0", inv)} record(s) on them have no " +
            $"annotation. The first {Examples}, with their records: {string.Join(", ", first)}.";
    }

    private static string Shown(string contig) => contig.Length <= 40 ? contig : contig[..40] + "…";
}
