using System.Globalization;

namespace Gas.Annotator.Engine.Reference;

/// <summary>
/// The reference folders of one reference directory, one per build: <c>&lt;dir&gt;/hg19/</c> and <c>&lt;dir&gt;/hg38/</c>, or
/// (the layout before GRCh38) tables directly in <c>&lt;dir&gt;</c>, taken as the build their cytoBand lengths name (hg19 when
/// they name none). Each build is loaded on first use, once, and kept: about 60–120 MB of managed memory per build.
/// </summary>
public sealed class ReferenceLibrary
{
    private readonly Dictionary<GenomeBuild, (string Directory, Lazy<ReferenceData> Data)> _builds = [];

    public ReferenceLibrary(string directory, string? cacheDirectory = null, TextWriter? log = null)
    {
        Directory = directory;
        foreach (var build in GenomeBuild.Annotated)
        {
            var folder = Path.Combine(directory, build.UcscName);
            if (ReferenceFiles.Discover(folder).Genes is not null)
            {
                Add(build, folder, cacheDirectory is null ? null : Path.Combine(cacheDirectory, build.UcscName), log);
            }
        }

        var flat = ReferenceFiles.Discover(directory);
        if (flat.Genes is not null)
        {
            // a fresh index cache names the build as the cytoBand table would, without parsing it, and is then kept
            var cached = ReferenceLoader.LoadCached(directory, cacheDirectory, log);
            var build = (cached is null ? FlatBuild(flat) : Annotated(cached.Build)) ?? GenomeBuild.Grch37;
            if (!_builds.ContainsKey(build))
            {
                Add(build, directory, cacheDirectory, log, cached);
            }
        }
    }

    public string Directory { get; }

    /// <summary>The builds this directory has a gene table for, GRCh37 first.</summary>
    public IReadOnlyList<GenomeBuild> Builds => GenomeBuild.Annotated.Where(_builds.ContainsKey).ToList();

    public bool IsEmpty => _builds.Count == 0;

    /// <summary>The folder a build's tables are in, or null.</summary>
    public string? FolderOf(GenomeBuild build) => _builds.TryGetValue(build, out var entry) ? entry.Directory : null;

    /// <summary>The build's reference, loaded on first use; null when the directory has none for it.</summary>
    public ReferenceData? Get(GenomeBuild build) => _builds.TryGetValue(build, out var entry) ? entry.Data.Value : null;

    public bool IsLoaded(GenomeBuild build) => _builds.TryGetValue(build, out var entry) && entry.Data.IsValueCreated;

    private void Add(GenomeBuild build, string folder, string? cacheDirectory, TextWriter? log, ReferenceData? loaded = null) =>
        _builds[build] = (folder, loaded is null
            ? new Lazy<ReferenceData>(() => ReferenceLoader.Load(folder, cacheDirectory, log), LazyThreadSafetyMode.ExecutionAndPublication)
            : new Lazy<ReferenceData>(() => loaded)); // read to learn the build, but not decoded: handed out (IsLoaded) on first use

    private static GenomeBuild? Annotated(GenomeBuild? build) => build is not null && GenomeBuild.Annotated.Contains(build) ? build : null;

    // the cytoBand table's chromosome lengths name the build without loading the genes
    private static GenomeBuild? FlatBuild(ReferenceFiles files)
    {
        if (files.CytoBand is null)
        {
            return null;
        }

        var lengths = new Dictionary<string, long>(StringComparer.Ordinal);
        using var reader = TableFile.OpenText(files.CytoBand);
        foreach (var (chromosome, band) in CytoBandReader.Read(reader, Path.GetFileName(files.CytoBand)))
        {
            lengths[chromosome] = Math.Max(lengths.GetValueOrDefault(chromosome), band.End);
        }

        return Annotated(GenomeBuild.FromContigLengths(lengths));
    }

    public override string ToString() =>
        string.Join(", ", Builds.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b} in {FolderOf(b)}")));
}
