using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gas.Annotator.Engine.Reference;

/// <summary>
/// Loads a reference directory, through a binary cache file so that a daemon starts in milliseconds:
/// the cache sits next to the tables (or in a configured cache directory, or the temp folder when neither is writable)
/// and is rebuilt whenever a table's name, size or modification time changes.
/// </summary>
public static class ReferenceLoader
{
    public const string CacheFileName = "gas-reference.idx";

    public static ReferenceData Load(string directory, string? cacheDirectory = null, TextWriter? log = null) =>
        WithGenome(LoadTables(directory, cacheDirectory, log), ReferenceFiles.Discover(directory));

    /// <summary>The reference as a fresh index cache holds it, or null when no cache is fresh (nothing is parsed or written).</summary>
    internal static ReferenceData? LoadCached(string directory, string? cacheDirectory = null, TextWriter? log = null)
    {
        var files = ReferenceFiles.Discover(directory);
        return files.HasAny && TryReadAnyCache(directory, cacheDirectory, files, log) is { } cached ? WithGenome(cached, files) : null;
    }

    private static ReferenceData WithGenome(ReferenceData data, ReferenceFiles files)
    {
        if (files.Genome is { } genome)
        {
            try
            {
                data.AttachGenome(Sequence.TwoBitFile.Open(genome), null);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                data.AttachGenome(null, $"the genome sequence {Path.GetFileName(genome)} cannot be read ({e.Message})");
            }
        }

        return data;
    }

    private static ReferenceData LoadTables(string directory, string? cacheDirectory, TextWriter? log)
    {
        var files = ReferenceFiles.Discover(directory);
        if (!files.HasAny)
        {
            throw new FileNotFoundException($"No reference tables (refGene/refFlat, cytoBand, GWAS catalog, dbSNP VCF) in '{directory}'.");
        }

        if (TryReadAnyCache(directory, cacheDirectory, files, log) is { } cached)
        {
            return cached;
        }

        var watch = Stopwatch.StartNew();
        var fingerprint = Fingerprint(files);
        var data = BuildFromTables(files);
        var buildMs = watch.ElapsedMilliseconds;
        string? written = null;
        foreach (var candidate in CachePaths(directory, cacheDirectory))
        {
            if (TryWriteCache(candidate, fingerprint, data))
            {
                written = candidate;
                break;
            }
        }

        log?.WriteLine($"Reference: {directory} (tables parsed in {buildMs} ms; index cache {(written ?? "not writable")})");
        return data;
    }

    private static ReferenceData? TryReadAnyCache(string directory, string? cacheDirectory, ReferenceFiles files, TextWriter? log)
    {
        var watch = Stopwatch.StartNew();
        var fingerprint = Fingerprint(files);
        foreach (var candidate in CachePaths(directory, cacheDirectory))
        {
            if (TryReadCache(candidate, fingerprint) is { } cached)
            {
                log?.WriteLine($"Reference: {directory} (index cache {candidate}, loaded in {watch.ElapsedMilliseconds} ms)");
                return cached;
            }
        }

        return null;
    }

    /// <summary>Parses the tables without touching any cache.</summary>
    public static ReferenceData BuildFromTables(ReferenceFiles files)
    {
        var builder = new ReferenceBuilder();
        if (files.Genes is { } genes)
        {
            using var reader = TableFile.OpenText(genes);
            builder.AddGenes(GenePredReader.Read(reader, Path.GetFileName(genes)), Path.GetFileName(genes));
        }

        if (files.CytoBand is { } cyto)
        {
            using var reader = TableFile.OpenText(cyto);
            builder.AddBands(CytoBandReader.Read(reader, Path.GetFileName(cyto)), Path.GetFileName(cyto));
        }

        if (files.Gwas is { } gwas)
        {
            using var reader = TableFile.OpenText(gwas);
            builder.AddGwas(GwasCatalogReader.Read(reader, Path.GetFileName(gwas)), Path.GetFileName(gwas));
        }

        if (files.DbSnp is { } dbsnp)
        {
            using var reader = TableFile.OpenText(dbsnp);
            builder.AddDbSnp(DbSnpReader.Read(reader, Path.GetFileName(dbsnp)), Path.GetFileName(dbsnp));
        }

        return builder.Build();
    }

    private static IEnumerable<string> CachePaths(string directory, string? cacheDirectory)
    {
        if (!string.IsNullOrWhiteSpace(cacheDirectory))
        {
            yield return Path.Combine(cacheDirectory, CacheFileName);
        }

        yield return Path.Combine(directory, CacheFileName);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(directory))))[..16];
        yield return Path.Combine(Path.GetTempPath(), "gas-reference-cache", key + ".idx");
    }

    private static string Fingerprint(ReferenceFiles files)
    {
        var text = new StringBuilder().Append(ReferenceCacheFormat.Version);
        foreach (var path in new[] { files.Genes, files.CytoBand, files.Gwas, files.DbSnp })
        {
            text.Append('|');
            if (path is not null)
            {
                var info = new FileInfo(path);
                text.Append(info.Name).Append(':').Append(info.Length).Append(':')
                    .Append(info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static ReferenceData? TryReadCache(string path, string fingerprint)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return ReferenceCacheFormat.Read(File.ReadAllBytes(path), fingerprint);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException)
        {
            return null;
        }
    }

    private static bool TryWriteCache(string path, string fingerprint, ReferenceData data)
    {
        var temp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                ReferenceCacheFormat.Write(stream, fingerprint, data);
            }

            File.Move(temp, path, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // the directory is not writable; nothing was left behind
            }

            return false;
        }
    }
}
