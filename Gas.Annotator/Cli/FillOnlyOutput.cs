using Gas.Core.VariantIndex;

namespace Gas.Annotator.Cli;

/// <summary>
/// For <c>index bench</c>: an output that takes the engine's batches of index rows (<see cref="IIndexedOutput"/>), so that the
/// engine fills them on its workers exactly as for a real index, and empties them at once without writing anything. The
/// difference between annotating into this and annotating alone is what filling the batches costs; the rest of what the
/// index adds is the writing. The annotated text goes to <paramref name="file"/> as usual.
/// </summary>
internal sealed class FillOnlyOutput(Stream file) : Stream, IIndexedOutput
{
    public void BeginRows()
    {
    }

    public IndexRows RentRows() => IndexRows.Rent();

    public ValueTask AddRowsAsync(IndexRows rows, CancellationToken ct)
    {
        IndexRows.Return(rows);
        return ValueTask.CompletedTask;
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => file.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        file.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => file.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => file.FlushAsync(cancellationToken);

    public override void Flush() => file.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
