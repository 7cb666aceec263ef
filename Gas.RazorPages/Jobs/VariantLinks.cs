using System.Globalization;
using Gas.Core.VariantIndex;

namespace Gas.RazorPages.Jobs;

/// <summary>Where a variant, an rsID or a trait can be looked up outside GAS, for the job's genome build.</summary>
public static class VariantLinks
{
    /// <summary>UCSC Genome Browser at the allele's reference span (<c>db=hg19</c>, <c>position=chr1:100-200</c>).</summary>
    public static string Ucsc(ResultsIndexInfo info, AlleleRow row)
    {
        var chrom = ChromosomeOrder.Bare(row.Chrom);
        var ucscChrom = "chr" + (chrom is "MT" ? "M" : chrom);
        return $"https://genome.ucsc.edu/cgi-bin/hgTracks?db={Uri.EscapeDataString(info.UcscName)}&position={Uri.EscapeDataString(ucscChrom + ":" + Span(row))}";
    }

    /// <summary>Ensembl's location view: the GRCh37 archive site for hg19, the main site for GRCh38; none for older builds.</summary>
    public static string? Ensembl(ResultsIndexInfo info, AlleleRow row)
    {
        var host = info.Build switch
        {
            "GRCh37" => "grch37.ensembl.org",
            "GRCh38" => "www.ensembl.org",
            _ => null,
        };
        return host is null ? null : $"https://{host}/Homo_sapiens/Location/View?r={Uri.EscapeDataString(ChromosomeOrder.Bare(row.Chrom) + ":" + Span(row))}";
    }

    /// <summary>dbSNP's page for the record's rsID, or null without one.</summary>
    public static string? DbSnp(AlleleRow row) =>
        AnnotatedVcf.RsId(row.Id) is { } rs ? "https://www.ncbi.nlm.nih.gov/snp/" + Uri.EscapeDataString(rs.ToLowerInvariant()) : null;

    /// <summary>The GWAS catalog's search for a trait (underscores, the annotation's spaces, read as spaces).</summary>
    public static string GwasCatalog(string trait) =>
        "https://www.ebi.ac.uk/gwas/search?query=" + Uri.EscapeDataString(trait.Replace('_', ' '));

    private static string Span(AlleleRow row) =>
        string.Create(CultureInfo.InvariantCulture, $"{row.Pos}-{row.Pos + Math.Max(1, row.Ref.Length) - 1}");
}
