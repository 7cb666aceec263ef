namespace Gas.RazorPages.EmbeddedStore;

/// <summary>
/// A request body that may be read only up to a budget, raised once the upload's policy says how large the file may be;
/// past the budget a read throws <see cref="UploadBudgetExceededException"/> and nothing more is taken from the client.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long budget) : Stream
{
    private long _budget = budget;

    /// <summary>Bytes taken from the client so far.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    /// <summary>Allows reading up to <paramref name="budget"/> bytes in all.</summary>
    public void Allow(long budget) => _budget = Math.Max(_budget, budget);

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, Clamp(count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer[..Clamp(buffer.Length)], cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Never asks the client for more than one byte past the budget: enough to tell it was exceeded.</summary>
    private int Clamp(int count)
    {
        var left = _budget - BytesRead + 1;
        if (left <= 0)
        {
            throw new UploadBudgetExceededException();
        }

        return (int)Math.Min(count, left);
    }

    private int Count(int read)
    {
        BytesRead += read;
        return BytesRead > _budget ? throw new UploadBudgetExceededException() : read;
    }
}

/// <summary>The form sent more before its file, or more in all, than its policy allows.</summary>
internal sealed class UploadBudgetExceededException() : IOException("The upload form exceeds what its policy allows.");
