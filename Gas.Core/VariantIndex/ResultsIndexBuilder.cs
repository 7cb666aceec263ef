using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using static Gas.Core.VariantIndex.ResultsIndexFormat;

namespace Gas.Core.VariantIndex;

/// <summary>What building an index did; <paramref name="Cpu"/> is the CPU time of the thread that built it (null where the system does not say).</summary>
public sealed record ResultsIndexStats(long Records, long Alleles, TimeSpan Elapsed, long Bytes, TimeSpan? Cpu);

/// <summary>
/// Writes a job's results index from its annotated VCF in one streaming pass: the annotator runs it right after annotating,
/// the web tier for jobs annotated before the index existed (or in an older format). Lines are read as spans (no string per
/// line), alleles go into column blocks (<see cref="BlockWriter"/>) inside one transaction with no journal, and the facet
/// counts and the summary are added up in memory on the way.
/// </summary>
public static class ResultsIndexBuilder
{
    /// <summary>Builds the index of an annotated VCF from its text (a job annotated before indexes, or by an engine that does not hand its rows over).</summary>
    public static ResultsIndexStats Build(Stream annotatedVcf, string indexPath, CancellationToken ct = default) =>
        Build(annotatedVcf, indexPath, rows: null, ct);

    /// <summary>
    /// Reads the header (and any record lines) from <paramref name="annotatedVcf"/>, then takes the batches <paramref name="rows"/>
    /// yields, in file order, for an engine that hands its parsed alleles over instead of the record lines' text.
    /// </summary>
    internal static ResultsIndexStats Build(Stream annotatedVcf, string indexPath, Func<IEnumerable<IndexRows>>? rows, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var cpu = ThreadCpu.Now();
        using var reader = new StreamReader(annotatedVcf, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var header = AnnotatedVcf.ReadHeader(reader);
        long records, alleles;
        using (var writer = new ResultsIndexWriter(indexPath))
        {
            ReadRecordLines(reader, writer, ct);
            foreach (var batch in rows?.Invoke() ?? [])
            {
                writer.Append(batch);
                ct.ThrowIfCancellationRequested();
            }

            writer.Finish(header);
            (records, alleles) = (writer.Records, writer.Alleles);
        }

        // the thread's CPU read before the clock, so that it covers no more than the clock's span
        var used = ThreadCpu.Now() - cpu;
        return new ResultsIndexStats(records, alleles, watch.Elapsed, new FileInfo(indexPath).Length, used);
    }

    private static void ReadRecordLines(TextReader reader, ResultsIndexWriter writer, CancellationToken ct)
    {
        var columns = new Range[9];
        var info = new Range[8];
        // one scratch buffer per value of a record and its allele: all are passed at once
        var shown = new char[13][];
        for (var i = 0; i < shown.Length; i++)
        {
            shown[i] = new char[256];
        }

        var rows = new IndexRows();
        var lines = new SpanLineReader(reader);
        long lineNumber = 0;
        while (lines.TryReadLine(out var line))
        {
            if ((++lineNumber & 0xFFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var record = RecordLine.Parse(line, columns, info, lineNumber);
            if (rows.Count > 0 && rows.Count + record.Alleles > ResultsIndexFormat.BlockRows)
            {
                writer.Append(rows);
                rows.Clear();
            }

            rows.BeginRecord(Shown(record.Chrom, ref shown[0]), record.Pos, Shown(record.Id, ref shown[1]), Shown(record.Ref, ref shown[2]),
                AnnotatedVcf.Qual(record.Qual), Shown(record.Filter, ref shown[3]), Shown(record.Value(RecordLine.CytoBand, 0), ref shown[4]),
                AnnotatedVcf.Unescape(record.Value(RecordLine.Gwas, 0), ref shown[5], keepCommas: true), Shown(record.Value(RecordLine.BuildCheck, 0), ref shown[6]));
            for (var i = 0; i < record.Alleles; i++)
            {
                rows.AddAllele(Shown(record.Alt(i), ref shown[7]), Shown(record.Value(RecordLine.Func, i), ref shown[8]),
                    Shown(record.Value(RecordLine.Gene, i), ref shown[9]), Shown(record.Value(RecordLine.GeneDetail, i), ref shown[10]),
                    Shown(record.Value(RecordLine.ExonicFunc, i), ref shown[11]), Shown(record.Value(RecordLine.AAChange, i), ref shown[12]));
            }
        }

        writer.Append(rows);
    }

    private static ReadOnlySpan<char> Shown(ReadOnlySpan<char> value, ref char[] buffer) => AnnotatedVcf.Unescape(value, ref buffer);

    /// <summary>
    /// A copy without the variant rows: the summary, build and labels stay, so the job page can still show what was found
    /// while the results themselves sit in the archive. The block tables go altogether (nothing reads them without rows).
    /// </summary>
    public static void WriteSummaryOnly(string fullIndexPath, string summaryPath)
    {
        File.Copy(fullIndexPath, summaryPath, overwrite: true);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = summaryPath, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "DROP TABLE columns; DROP TABLE blocks; DROP TABLE block_chroms; DELETE FROM facets; DELETE FROM labels;" +
            $"UPDATE meta SET value = '0' WHERE key = '{MetaKeys.HasVariants}'; VACUUM;");
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
