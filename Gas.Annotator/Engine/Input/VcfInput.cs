using System.IO.Compression;
using System.Text;

namespace Gas.Annotator.Engine;

/// <summary>
/// An upload as UTF-8 bytes whatever it came as: plain, gzip or BGZF; UTF-8 with or without a byte-order mark, or UTF-16
/// (what Windows tools write as "Unicode"), converted. Every read counts against the plan's decompressed-size limit, and
/// truncated or corrupt compressed data becomes a <see cref="DamagedInputException"/> rather than a quiet early end.
/// </summary>
internal sealed class VcfInput : IAsyncDisposable
{
    private readonly Stream _raw;
    private readonly Stream _decoded;
    private readonly bool _ownsDecoded;
    private readonly AnnotationLimits _limits;

    private VcfInput(Stream raw, Stream decoded, bool ownsDecoded, AnnotationLimits limits, string description)
    {
        _raw = raw;
        _decoded = decoded;
        _ownsDecoded = ownsDecoded;
        _limits = limits;
        Description = description;
    }

    /// <summary>For the log: "gzip (BGZF), UTF-16LE converted to UTF-8", "plain text, UTF-8".</summary>
    public string Description { get; }

    /// <summary>Decompressed (and converted) bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Opens a seekable stream (a file, as the worker and the command line use).</summary>
    public static async Task<VcfInput> OpenAsync(Stream input, AnnotationLimits limits, CancellationToken ct)
    {
        if (!input.CanSeek)
        {
            throw new ArgumentException("VCF input must be seekable; copy it to a file first.", nameof(input));
        }

        var start = input.Position;
        var kind = await GzipFormat.DetectAsync(input, ct);
        if (kind != GzipFormat.Kind.Plain)
        {
            GzipFormat.EnsureTruncationIsDetected();
        }

        Stream Decompressed()
        {
            input.Position = start;
            return kind == GzipFormat.Kind.Plain ? input : new GZipStream(input, CompressionMode.Decompress, leaveOpen: true);
        }

        var first = new byte[4];
        var probe = Decompressed();
        int peeked;
        try
        {
            peeked = await probe.ReadAtLeastAsync(first, first.Length, throwOnEndOfStream: false, ct);
        }
        catch (InvalidDataException e)
        {
            throw Damaged(input, e);
        }
        finally
        {
            if (probe != input)
            {
                await probe.DisposeAsync();
            }
        }

        var (encoding, skip, name) = TextEncoding(first.AsSpan(0, peeked));
        var decoded = Decompressed();
        if (skip > 0)
        {
            await decoded.ReadExactlyAsync(new byte[skip], ct);
        }

        if (encoding is not null)
        {
            decoded = Encoding.CreateTranscodingStream(decoded, encoding, Encoding.UTF8, leaveOpen: decoded == input);
        }

        var container = kind switch { GzipFormat.Kind.Bgzf => "gzip (BGZF)", GzipFormat.Kind.Gzip => "gzip", _ => "plain text" };
        return new VcfInput(input, decoded, decoded != input, limits, $"{container}, {name}");
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct)
    {
        int read;
        try
        {
            read = await _decoded.ReadAsync(buffer, ct);
        }
        catch (InvalidDataException e)
        {
            throw Damaged(_raw, e);
        }

        BytesRead += read;
        if (BytesRead > _limits.MaxDecompressedBytes)
        {
            throw _limits.DecompressedSizeExceeded();
        }

        return read;
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsDecoded)
        {
            await _decoded.DisposeAsync();
        }
    }

    /// <summary>Which text encoding the first bytes show, how many byte-order-mark bytes to skip, and its name for the log.</summary>
    private static (Encoding? Convert, int Skip, string Name) TextEncoding(ReadOnlySpan<byte> first) => first switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (null, 3, "UTF-8 with a byte-order mark"),
        [0xFF, 0xFE, 0, 0] or [0, 0, 0xFE, 0xFF] => throw new VcfFormatException(1,
            "the file is UTF-32 text, which GAS does not read; save it as UTF-8 (or plain ASCII) and upload it again."),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2, "UTF-16LE converted to UTF-8"),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2, "UTF-16BE converted to UTF-8"),
        [not 0, 0, not 0, 0] => (Encoding.Unicode, 0, "UTF-16LE converted to UTF-8"),
        [0, not 0, 0, not 0] => (Encoding.BigEndianUnicode, 0, "UTF-16BE converted to UTF-8"),
        _ => (null, 0, "UTF-8"),
    };

    // GZipStream says which only in its message; a cut is found when the whole file has been read.
    private static DamagedInputException Damaged(Stream raw, InvalidDataException e) =>
        new(raw.Position >= raw.Length
            ? "The input is truncated: its gzip data ends before the compressed stream is complete (or its last block fails its " +
              "checksum). It was probably cut short while uploading or copying; upload the complete file again."
            : "The input is corrupt: part of its gzip data fails its checksum or is not valid compressed data. Upload an intact " +
              "copy, or the uncompressed .vcf.",
            e);
}
