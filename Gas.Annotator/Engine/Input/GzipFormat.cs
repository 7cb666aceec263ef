using System.IO.Compression;

namespace Gas.Annotator.Engine;

/// <summary>Whether an input is gzip, and whether a BGZF (bgzip) input is whole.</summary>
internal static class GzipFormat
{
    public enum Kind
    {
        Plain,
        Gzip,
        Bgzf,
    }

    /// <summary>The empty block bgzip writes at the end of every file (SAM/BAM specification, "End-of-file marker").</summary>
    private static ReadOnlySpan<byte> BgzfEndOfFile =>
        [0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 0xff, 0x06, 0, 0x42, 0x43, 0x02, 0, 0x1b, 0, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private static readonly Lazy<bool> _strict = new(DetectsTruncation);

    /// <summary>
    /// Reads the start (and for BGZF the end) of a seekable input, leaving its position where it was.
    /// A BGZF file without its end-of-file block was cut short, even on a block boundary where every block still decodes.
    /// </summary>
    public static async Task<Kind> DetectAsync(Stream input, CancellationToken ct)
    {
        var start = input.Position;
        var header = new byte[16];
        var read = await input.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
        input.Position = start;
        if (read < 2 || header[0] != 0x1f || header[1] != 0x8b)
        {
            return Kind.Plain;
        }

        // FLG.FEXTRA with the 'BC' subfield first, as bgzip writes every block
        var bgzf = read == header.Length && (header[3] & 4) != 0 && header[12] == (byte)'B' && header[13] == (byte)'C' && header[14] == 2 && header[15] == 0;
        if (!bgzf)
        {
            return Kind.Gzip;
        }

        var tail = new byte[BgzfEndOfFile.Length];
        var complete = input.Length - start >= tail.Length;
        if (complete)
        {
            input.Position = input.Length - tail.Length;
            await input.ReadExactlyAsync(tail, ct);
            input.Position = start;
            complete = tail.AsSpan().SequenceEqual(BgzfEndOfFile);
        }

        return complete ? Kind.Bgzf : throw new DamagedInputException(
            "The input is truncated: it is BGZF (bgzip) compressed but lacks the end-of-file block bgzip always writes, so it was " +
            "cut short while uploading or copying. Upload the complete file again.");
    }

    /// <summary>
    /// GZipStream ends quietly at a cut unless strict validation is on (the host's runtimeconfig sets
    /// <c>System.IO.Compression.UseStrictValidation</c>; Directory.Build.props does for every GAS program). Without it a truncated
    /// gzip would be annotated as if complete, so gzip input is refused rather than half-read.
    /// </summary>
    public static void EnsureTruncationIsDetected()
    {
        if (!_strict.Value)
        {
            throw new InvalidOperationException(
                "GZipStream does not report truncated data in this process: set the runtime option " +
                "System.IO.Compression.UseStrictValidation=true (RuntimeHostConfigurationOption) so a cut .vcf.gz is not annotated as complete.");
        }
    }

    private static bool DetectsTruncation()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(new byte[4096]);
        }

        var cut = compressed.ToArray()[..^4];
        try
        {
            using var reader = new GZipStream(new MemoryStream(cut), CompressionMode.Decompress);
            reader.CopyTo(Stream.Null);
            return false;
        }
        catch (InvalidDataException)
        {
            return true;
        }
    }
}
