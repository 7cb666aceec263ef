using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Gas.Annotator.Engine.Reference;

namespace Gas.Annotator.Engine;

/// <summary>
/// The reference-backed engine: streams a VCF once, byte by byte, and adds ANNOVAR-style gene annotation
/// (Func.refGene, Gene.refGene, GeneDetail.refGene), cytoBand, GWAS traits, rsIDs and a genome build check.
/// Memory stays flat: only the reference index and one read/write buffer are held.
/// </summary>
/// <param name="maxParallelism">Batches annotated at once; all cores when null.</param>
public sealed partial class ReferenceVcfEngine(ReferenceData reference, TimeProvider time, int? maxParallelism = null) : IAnnotationEngine
{
    public const string FuncKey = "Func.refGene";
    public const string GeneKey = "Gene.refGene";
    public const string GeneDetailKey = "GeneDetail.refGene";
    public const string CytoBandKey = "cytoBand";
    public const string GwasKey = "GAS_GWAS_TRAIT";
    public const string BuildCheckKey = "GAS_BUILD_CHECK";

    public const string ExonicFuncKey = "ExonicFunc.refGene";
    public const string AAChangeKey = "AAChange.refGene";

    /// <summary>The INFO declarations the output gets; ExonicFunc/AAChange only when the reference has a genome sequence.</summary>
    public static IReadOnlyList<string> InfoHeaders(bool withProteinChanges) =>
    [
        $"##INFO=<ID={FuncKey},Number=A,Type=String,Description=\"{FuncKey} annotation provided by GAS (ANNOVAR gene-based rules): exonic, splicing, ncRNA_*, UTR5, UTR3, intronic, upstream, downstream or intergenic\">",
        $"##INFO=<ID={GeneKey},Number=A,Type=String,Description=\"{GeneKey} annotation provided by GAS: the gene(s) behind Func.refGene\">",
        $"##INFO=<ID={GeneDetailKey},Number=A,Type=String,Description=\"{GeneDetailKey} annotation provided by GAS: transcript-level detail (UTR and splice-site HGVS, or dist= for intergenic and up/downstream)\">",
        .. withProteinChanges
            ? (string[])
            [
                $"##INFO=<ID={ExonicFuncKey},Number=A,Type=String,Description=\"{ExonicFuncKey} annotation provided by GAS (ANNOVAR rules): the most severe effect on the protein across transcripts\">",
                $"##INFO=<ID={AAChangeKey},Number=A,Type=String,Description=\"{AAChangeKey} annotation provided by GAS: GENE:transcript:exon:cDNA change:protein change for every transcript of that effect\">",
            ]
            : [],
        $"##INFO=<ID={CytoBandKey},Number=1,Type=String,Description=\"{CytoBandKey} annotation provided by GAS: the cytogenetic band(s) the variant lies in\">",
        $"##INFO=<ID={GwasKey},Number=.,Type=String,Description=\"Traits the NHGRI GWAS catalog associates with this position\">",
        $"##INFO=<ID={BuildCheckKey},Number=1,Type=String,Description=\"Why the record does not fit the reference genome build: beyond_contig_end or contig_not_in_reference\">",
    ];

    public async Task<AnnotationSummary> AnnotateAsync(Stream input, Stream output, TextWriter log, CancellationToken ct = default)
    {
        var started = time.GetTimestamp();
        var source = await VcfReader.OpenBytesAsync(input, ct);
        var header = new HeaderReader(reference);
        var buffer = ArrayPool<byte>.Shared.Rent(BatchBytes * 2);
        int filled = 0, consumed = 0;
        var end = false;

        // the header, line by line, until '#CHROM'
        while (!header.Done)
        {
            (buffer, filled, consumed, end) = await FillAsync(source, buffer, filled, consumed, ct);
            consumed = header.ProcessLines(buffer.AsSpan(0, filled), end);
            if (end)
            {
                break;
            }
        }

        await output.WriteAsync(header.Output.Memory, ct);
        if (!header.Done)
        {
            throw new VcfFormatException(Math.Max(header.LineNumber, 1), "the '#CHROM' header line is missing.");
        }

        // the records, in batches of whole lines annotated on every core and written back in order
        var processors = new ConcurrentBag<RecordProcessor>();
        var allProcessors = new List<RecordProcessor>();
        var sinks = new ConcurrentBag<ByteSink>();
        var pending = new Queue<Task<ByteSink>>();
        var lineNumber = header.LineNumber;
        var parallelism = Math.Max(1, maxParallelism ?? Environment.ProcessorCount);
        try
        {
            while (true)
            {
                (buffer, filled, consumed, end) = await FillAsync(source, buffer, filled, consumed, ct);
                var data = buffer.AsSpan(0, filled);
                var last = end ? filled : data.LastIndexOf((byte)'\n') + 1;
                if (last > 0)
                {
                    var batch = buffer;
                    var batchLength = last;
                    var firstLine = lineNumber + 1;
                    lineNumber += data[..last].Count((byte)'\n') + (end && last > 0 && data[last - 1] != (byte)'\n' ? 1 : 0);
                    buffer = ArrayPool<byte>.Shared.Rent(Math.Max(BatchBytes * 2, filled - last + BatchBytes));
                    data[last..].CopyTo(buffer);
                    filled -= last;
                    consumed = 0;
                    pending.Enqueue(Task.Run(() =>
                    {
                        if (!processors.TryTake(out var processor))
                        {
                            processor = new RecordProcessor(reference, header.Columns);
                            lock (allProcessors)
                            {
                                allProcessors.Add(processor);
                            }
                        }

                        var sink = sinks.TryTake(out var pooled) ? pooled : new ByteSink(BatchBytes * 2);
                        try
                        {
                            processor.Process(batch.AsSpan(0, batchLength), firstLine, sink);
                            return sink;
                        }
                        finally
                        {
                            ArrayPool<byte>.Shared.Return(batch);
                            processors.Add(processor);
                        }
                    }, ct));
                }

                while (pending.Count > parallelism || (end && pending.Count > 0))
                {
                    var sink = await pending.Dequeue();
                    await output.WriteAsync(sink.Memory, ct);
                    sink.Clear();
                    sinks.Add(sink);
                }

                if (end)
                {
                    break;
                }
            }
        }
        finally
        {
            while (pending.Count > 0)
            {
                try
                {
                    await pending.Dequeue();
                }
                catch (Exception e) when (e is VcfFormatException or OperationCanceledException)
                {
                    // the first failure in file order has already been thrown
                }
            }

            ArrayPool<byte>.Shared.Return(buffer);
        }

        await output.FlushAsync(ct);
        var elapsed = time.GetElapsedTime(started);
        return await WriteLogAsync(header, RecordProcessor.Merge(allProcessors), elapsed, log);
    }

    private const int BatchBytes = 1 << 18;

    /// <summary>
    /// Runs a few records of every kind through the engine so that the hot path is compiled before the first job
    /// (the runtime compiles each method fully optimised on first use); a daemon calls it once at start-up.
    /// </summary>
    public void WarmUp()
    {
        var records = new StringBuilder("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n");
        foreach (var chromosome in reference.Chromosomes.Values.Where(c => c.Transcripts.Length > 0).Take(2))
        {
            foreach (var t in chromosome.Transcripts.Take(50))
            {
                foreach (var pos in new[] { t.TxStart - 500, t.TxStart, t.CdsStart, t.ExonStarts[^1] - 1, t.ExonEnds[0] + 1, (t.TxStart + t.TxEnd) / 2, t.TxEnd + 5000 })
                {
                    records.Append(CultureInfo.InvariantCulture, $"{chromosome.Name}\t{Math.Max(1, pos)}\t.\tAC\tA,ACG,T\t.\t.\tDP=1\tGT\t0/1\n");
                }
            }
        }

        using var input = new MemoryStream(Encoding.UTF8.GetBytes(records.ToString()));
        AnnotateAsync(input, Stream.Null, TextWriter.Null).GetAwaiter().GetResult();
    }

    private static async Task<(byte[] Buffer, int Filled, int Consumed, bool End)> FillAsync(
        Stream source, byte[] buffer, int filled, int consumed, CancellationToken ct)
    {
        if (consumed > 0)
        {
            Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
            filled -= consumed;
        }

        if (filled == buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, larger, 0, filled);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        // fill up to a batch so that each batch is worth a thread hop
        var end = false;
        while (filled < BatchBytes && filled < buffer.Length)
        {
            var read = await source.ReadAsync(buffer.AsMemory(filled), ct);
            if (read == 0)
            {
                end = true;
                break;
            }

            filled += read;
        }

        return (buffer, filled, 0, end);
    }
}
