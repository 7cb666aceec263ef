using System.IO.Compression;
using System.Text;

namespace Gas.Annotator.Engine;

/// <summary>Opens VCF input as text whether it is plain, gzip or BGZF (BGZF is multi-member gzip).</summary>
public static class VcfReader
{
    /// <summary>Opens a seekable stream (a file, as the worker and the command line use).</summary>
    public static async Task<TextReader> OpenAsync(Stream input, CancellationToken ct = default)
    {
        var text = await OpenBytesAsync(input, ct);
        return new StreamReader(text, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
    }

    /// <summary>The decompressed bytes of a seekable VCF stream, for readers that work on bytes rather than text.</summary>
    public static async Task<Stream> OpenBytesAsync(Stream input, CancellationToken ct = default)
    {
        if (!input.CanSeek)
        {
            throw new ArgumentException("VCF input must be seekable; copy it to a file first.", nameof(input));
        }

        var start = input.Position;
        var magic = new byte[2];
        var read = await input.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, ct);
        input.Position = start;

        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b
            ? new GZipStream(input, CompressionMode.Decompress, leaveOpen: true)
            : input;
    }
}
