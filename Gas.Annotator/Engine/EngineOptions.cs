using System.ComponentModel.DataAnnotations;

namespace Gas.Annotator.Engine;

/// <summary>Where the annotation engine finds its reference tables and where <c>reference fetch</c> gets them (section <c>Gas:Engine</c>).</summary>
public sealed class EngineOptions : IValidatableObject
{
    public const string SectionName = "Gas:Engine";

    /// <summary>UCSC's hg19 tables: genes (refGene), bands and the GWAS catalog.</summary>
    public static IReadOnlyList<string> DefaultDownloadUrls { get; } =
    [
        "https://hgdownload.soe.ucsc.edu/goldenPath/hg19/database/refGene.txt.gz",
        "https://hgdownload.soe.ucsc.edu/goldenPath/hg19/database/cytoBand.txt.gz",
        "https://hgdownload.soe.ucsc.edu/goldenPath/hg19/database/gwasCatalog.txt.gz",
    ];

    /// <summary>Folder with refGene/refFlat, cytoBand, GWAS catalog and dbSNP VCF tables; unset means no reference (basic engine).</summary>
    public string? ReferenceDirectory { get; set; }

    /// <summary>Where the binary index cache goes when the reference folder is read-only; defaults to the reference folder.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>What <c>reference fetch</c> downloads; UCSC hg19 when unset.</summary>
    public string[]? DownloadUrls { get; set; }

    /// <summary>Where UCSC's <c>goldenPath/</c> is; <c>reference fetch --build</c> takes each build's tables and 2bit from below it.</summary>
    public string UcscBaseUrl { get; set; } = Reference.ReferenceCatalog.DefaultUcscBaseUrl;

    /// <summary>Where NCBI's FTP site is, for the dbSNP common-variants VCF (<c>reference fetch --dbsnp</c>).</summary>
    public string NcbiBaseUrl { get; set; } = Reference.ReferenceCatalog.DefaultNcbiBaseUrl;

    /// <summary>
    /// 1 MiB: a record of about 250,000 samples with genotypes only, or 40,000 with GT:AD:DP:GQ:PL, still fits, while a
    /// job's buffers stay within a few MiB whatever its input looks like.
    /// </summary>
    public const int DefaultMaxLineBytes = 1 << 20;

    /// <summary>The longest line the engine reads, in bytes without its line end; a longer one fails the job naming its line.</summary>
    [Range(1024, 256 << 20)]
    public int MaxLineBytes { get; set; } = DefaultMaxLineBytes;

    /// <summary>
    /// Check every input against all the rules of the VCF specification and report what it breaks as warnings (the default); false
    /// checks only what annotation needs, which fails a job as before. Kept for measuring what validation costs.
    /// </summary>
    public bool ValidateVcf { get; set; } = true;

    /// <summary>Per-download time limit (the 2bit genomes are about 800 MB, dbSNP's common variants about 1.5 GB).</summary>
    [Range(1, 86_400)]
    public int DownloadTimeoutSeconds { get; set; } = 3600;

    /// <summary>How often one file's download is tried when its connection breaks; each try resumes where the last one stopped.</summary>
    [Range(1, 100)]
    public int DownloadAttempts { get; set; } = 5;

    /// <summary>
    /// With no <see cref="ReferenceDirectory"/>, the embedded service downloads hg19 into <c>&lt;data directory&gt;/reference</c>
    /// in the background on first start (from <see cref="UcscBaseUrl"/>) and annotates against it. False turns that off.
    /// </summary>
    public bool AutoFetch { get; set; } = true;

    public IReadOnlyList<string> EffectiveDownloadUrls => DownloadUrls is { Length: > 0 } urls ? urls : DefaultDownloadUrls;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReferenceDirectory is { } directory && (directory.Trim().Length == 0 || directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
        {
            yield return new ValidationResult($"{SectionName}:ReferenceDirectory '{directory}' is not a usable path.", [nameof(ReferenceDirectory)]);
        }

        foreach (var (key, url) in new[] { (nameof(UcscBaseUrl), UcscBaseUrl), (nameof(NcbiBaseUrl), NcbiBaseUrl) })
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                yield return new ValidationResult($"{SectionName}:{key} '{url}' is not an http(s) URL.", [key]);
            }
        }

        foreach (var url in DownloadUrls ?? [])
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath.EndsWith('/'))
            {
                yield return new ValidationResult($"{SectionName}:DownloadUrls entry '{url}' is not an http(s) URL of a file.", [nameof(DownloadUrls)]);
            }
        }
    }
}
