namespace Gas.Annotator.Engine.Reference;

/// <summary>One file a build's reference folder needs: where it comes from and the name it is saved under.</summary>
/// <param name="PublishedSize">What the publisher's listing gives as the file's size, for the log (not measured here).</param>
public sealed record ReferenceDownload(Uri Source, string FileName, string Kind, string? PublishedSize = null);

/// <summary>
/// What each build's reference folder (<c>&lt;dir&gt;/hg19/</c>, <c>&lt;dir&gt;/hg38/</c>) is made of, and where UCSC and NCBI
/// publish it: refGene, cytoBand and the GWAS catalog from UCSC's <c>goldenPath/&lt;build&gt;/database/</c>, the genome from
/// <c>goldenPath/&lt;build&gt;/bigZips/&lt;build&gt;.2bit</c>, and optionally NCBI's dbSNP common-variants VCF.
/// <c>reference fetch</c> downloads these; a first-run fetcher can reuse the same list file by file.
/// </summary>
public static class ReferenceCatalog
{
    public const string DefaultUcscBaseUrl = "https://hgdownload.soe.ucsc.edu/goldenPath/";
    public const string DefaultNcbiBaseUrl = "https://ftp.ncbi.nih.gov/";

    /// <summary>NCBI's dbSNP build 151 common variants per assembly (paths under the NCBI base URL).</summary>
    private static readonly Dictionary<string, string> _dbSnpPaths = new(StringComparer.Ordinal)
    {
        ["hg19"] = "snp/organisms/human_9606_b151_GRCh37p13/VCF/common_all_20180423.vcf.gz",
        ["hg38"] = "snp/organisms/human_9606_b151_GRCh38p7/VCF/common_all_20180418.vcf.gz",
    };

    /// <summary>The files of <paramref name="build"/>'s folder; the dbSNP VCF only when asked for.</summary>
    public static IReadOnlyList<ReferenceDownload> For(GenomeBuild build, bool withDbSnp, string? ucscBaseUrl = null, string? ncbiBaseUrl = null)
    {
        var ucsc = new Uri(WithSlash(ucscBaseUrl ?? DefaultUcscBaseUrl) + build.UcscName + "/");
        var files = new List<ReferenceDownload>
        {
            new(new Uri(ucsc, "database/refGene.txt.gz"), "refGene.txt.gz", "genes"),
            new(new Uri(ucsc, "database/cytoBand.txt.gz"), "cytoBand.txt.gz", "cytoBand"),
            new(new Uri(ucsc, "database/gwasCatalog.txt.gz"), "gwasCatalog.txt.gz", "GWAS catalog"),
            new(new Uri(ucsc, $"bigZips/{build.UcscName}.2bit"), $"{build.UcscName}.2bit", "genome", build == GenomeBuild.Grch38 ? "about 800 MB" : "about 780 MB"),
        };
        if (withDbSnp)
        {
            var path = _dbSnpPaths[build.UcscName];
            files.Add(new(new Uri(new Uri(WithSlash(ncbiBaseUrl ?? DefaultNcbiBaseUrl)), path), Path.GetFileName(path), "dbSNP", "about 1.5 GB"));
        }

        return files;
    }

    private static string WithSlash(string url) => url.EndsWith('/') ? url : url + "/";
}
