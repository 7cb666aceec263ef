using System.Buffers;
using System.Globalization;
using System.Text;
using Gas.Annotator.Engine.Reference;
using Gas.Annotator.Engine.Validation;

namespace Gas.Annotator.Engine;

/// <summary>
/// The reference-backed engine: streams a VCF once, byte by byte, and adds ANNOVAR-style gene annotation
/// (Func.refGene, Gene.refGene, GeneDetail.refGene), cytoBand, GWAS traits, rsIDs and a genome build check.
/// Memory stays flat: only the reference index and one read/write buffer are held.
/// </summary>
/// <param name="maxParallelism">Batches annotated at once; all cores when null.</param>
/// <param name="maxLineBytes">The longest line read (<see cref="EngineOptions.MaxLineBytes"/>).</param>
/// <param name="validate">Check the input against every rule of the VCF specification (<see cref="EngineOptions.ValidateVcf"/>).</param>
public sealed partial class ReferenceVcfEngine(
    ReferenceData reference, TimeProvider time, int? maxParallelism = null, int maxLineBytes = EngineOptions.DefaultMaxLineBytes, bool validate = true)
    : IAnnotationEngine
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

    public Task<AnnotationSummary> AnnotateAsync(Stream input, Stream output, TextWriter log, AnnotationLimits limits, CancellationToken ct = default)
    {
        var validation = new VcfValidation(validate);
        return validation.RunAsync(() => AnnotateAsync(input, output, log, limits, validation, ct));
    }

    private async Task<AnnotationSummary> AnnotateAsync(
        Stream input, Stream output, TextWriter log, AnnotationLimits limits, VcfValidation validation, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        await using var source = await VcfInput.OpenAsync(input, limits, ct);
        using var reader = new VcfLineReader(source, maxLineBytes, BatchBytes);

        // the header, line by line, until '#CHROM'; the lines after it in the same batch are the first records
        var header = new HeaderReader(reference, validation);
        LineBatch? records = null;
        while (!header.Done && await reader.ReadBatchAsync(ct) is { } batch)
        {
            var used = header.ProcessLines(batch.Data);
            if (used < batch.Length)
            {
                records = batch with { Start = used, Length = batch.Length - used, FirstLine = header.LineNumber + 1 };
            }
            else
            {
                ArrayPool<byte>.Shared.Return(batch.Buffer);
            }

            await output.WriteAsync(header.Output.Memory, ct);   // batch by batch: a header can be as long as the plan allows
            header.Output.Clear();
        }

        header.Rules.Finish();
        var run = await AnnotateRecordsAsync(reader, records, header.Columns, validation, output, limits, ct);
        await output.FlushAsync(ct);
        var elapsed = time.GetElapsedTime(started);
        return await WriteLogAsync(header, run, source, elapsed, log);
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
        AnnotateAsync(input, Stream.Null, TextWriter.Null, AnnotationLimits.Unlimited).GetAwaiter().GetResult();
    }
}
