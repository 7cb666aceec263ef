using System.Globalization;

namespace Gas.Annotator.Engine;

/// <summary>The run's log and summary: sources, input build, counts per class, warnings, timing.</summary>
public sealed partial class ReferenceVcfEngine
{
    private async Task<AnnotationSummary> WriteLogAsync(HeaderReader header, RecordProcessor run, VcfInput input, TimeSpan elapsed, TextWriter log)
    {
        var warnings = new List<string>();
        var buildWarning = header.BuildWarning;
        if (run.BeyondContigEnd > 0)
        {
            var text = $"{run.BeyondContigEnd:N0} record(s) lie beyond the end of their chromosome in {reference.Build?.ToString() ?? "the reference"}: the input was probably called on another genome build.";
            buildWarning = buildWarning is null ? text : buildWarning + " " + text;
        }

        if (buildWarning is not null)
        {
            warnings.Add(buildWarning);
        }

        if (reference.Genome is null)
        {
            warnings.Add($"No ExonicFunc.refGene or AAChange.refGene: {reference.GenomeMissingReason}. Run 'Gas.Annotator reference fetch' to get it.");
        }

        if (run.RefMismatches > 0)
        {
            warnings.Add($"{run.RefMismatches:N0} exonic SNV(s) have a REF base that differs from the reference genome, e.g. {run.RefMismatchExample}: the input may be on another build, or its REF is wrong. Their amino-acid changes use the genome's base.");
        }

        warnings.AddRange(run.MissingContigs.Warnings(reference.Build?.ToString() ?? "the reference"));

        var inv = CultureInfo.InvariantCulture;
        await log.WriteLineAsync("Engine: GAS reference annotator (ANNOVAR gene-based rules, refGene defaults)");
        await log.WriteLineAsync($"Input: {input.Description}; {AnnotationLimits.Size(input.BytesRead)} of VCF text");
        await log.WriteLineAsync($"Reference build: {reference.Build?.ToString() ?? "unknown (no cytoBand table to tell)"}; {reference.TranscriptCount.ToString("N0", inv)} transcripts of {reference.GeneCount.ToString("N0", inv)} genes");
        foreach (var source in reference.Sources)
        {
            await log.WriteLineAsync($"Source {source}");
        }

        await log.WriteLineAsync($"Input build: {(header.Check.InputBuild is { } b ? $"{b} (from {header.Check.Evidence})" : "not declared")}");
        await log.WriteLineAsync($"Variants: {run.Records.ToString("N0", inv)} records, {run.Alleles.ToString("N0", inv)} alleles");
        foreach (var (func, count) in run.ClassCounts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            await log.WriteLineAsync($"  {func}: {count.ToString("N0", inv)}");
        }

        await log.WriteLineAsync($"rsIDs added: {run.RsIdsAdded.ToString("N0", inv)}; GWAS hits: {run.GwasHits.ToString("N0", inv)}; records in a cytoband: {run.BandHits.ToString("N0", inv)}");
        foreach (var warning in warnings)
        {
            await log.WriteLineAsync($"WARNING: {warning}");
        }

        var perSecond = elapsed.TotalSeconds > 0 ? run.Records / elapsed.TotalSeconds : 0;
        await log.WriteLineAsync($"Elapsed: {elapsed.TotalSeconds.ToString("0.000", inv)} s ({perSecond.ToString("N0", inv)} variants/s)");
        return new AnnotationSummary(run.Records, warnings)
        {
            Sources = reference.Sources.Select(s => s.ToString()).ToArray(),
            BuildWarning = buildWarning,
            ClassCounts = run.ClassCounts,
        };
    }
}
