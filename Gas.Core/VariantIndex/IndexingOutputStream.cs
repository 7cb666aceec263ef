using System.IO.Pipelines;
using System.Threading.Channels;

namespace Gas.Core.VariantIndex;

/// <summary>
/// The annotated VCF on its way to its file, handed to <see cref="ResultsIndexBuilder"/> at the same time: the builder reads
/// the bytes from memory on a thread of its own while the engine annotates the next batches, so the output is never read
/// back from disk and the index is ready soon after the last batch is written. A builder that fails stops taking bytes and
/// never fails the annotation (one that falls behind slows it: the buffer between them is bounded); <see cref="CompleteAsync"/>
/// says what happened. The file stays the caller's to close. An engine that has the alleles parsed hands them over as
/// <see cref="IndexRows"/> batches instead (<see cref="IIndexedOutput"/>): then only the header is read from the text.
/// </summary>
public sealed class IndexingOutputStream : Stream, IIndexedOutput
{
    // Enough for several of the engine's batches: the engine runs ahead while SQLite catches up, and memory stays bounded.
    private const long PauseBytes = 32L << 20;

    private readonly Stream _file;

    // Segments as large as the engine's writes, so the builder reads whole megabytes rather than 4 KB pieces; and each side
    // woken inline by the other, never through the thread pool, whose queue is full of the engine's batches.
    private readonly Pipe _pipe = new(new PipeOptions(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: PauseBytes, resumeWriterThreshold: PauseBytes / 2, minimumSegmentSize: 1 << 20, useSynchronizationContext: false));
    // batches in file order, a few ahead of the builder; and the emptied ones, for the engine's workers to fill again
    private readonly Channel<IndexRows> _rows = Channel.CreateBounded<IndexRows>(new BoundedChannelOptions(8)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly Task<ResultsIndexStats> _build;
    private volatile bool _rowsMode;
    private bool _builderGone;
    private bool _completed;

    public IndexingOutputStream(Stream file, string indexPath, CancellationToken ct)
    {
        _file = file;
        var reader = _pipe.Reader;
        _build = Task.Factory.StartNew(() =>
        {
            using var source = reader.AsStream();
            return ResultsIndexBuilder.Build(source, indexPath, () => _rowsMode ? ReadRows(ct) : [], ct);
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        // a builder that stopped takes no more batches: the engine must not wait on a full channel for ever
        _build.ContinueWith(_ => _rows.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public void BeginRows()
    {
        _rowsMode = true;
        _pipe.Writer.Complete();
    }

    public IndexRows RentRows() => IndexRows.Rent();

    public async ValueTask AddRowsAsync(IndexRows rows, CancellationToken ct)
    {
        if (!_builderGone)
        {
            try
            {
                await _rows.Writer.WriteAsync(rows, ct);
                return;
            }
            catch (ChannelClosedException)
            {
                _builderGone = true;
            }
        }

        IndexRows.Return(rows);
    }

    // on the builder's thread, which has nothing else to do while it waits
    private IEnumerable<IndexRows> ReadRows(CancellationToken ct)
    {
        var reader = _rows.Reader;
        while (reader.WaitToReadAsync(ct).AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var rows))
            {
                yield return rows;
                IndexRows.Return(rows);
            }
        }
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _file.WriteAsync(buffer, cancellationToken);
        if (!_builderGone && !_rowsMode && !buffer.IsEmpty)
        {
            _builderGone = (await _pipe.Writer.WriteAsync(buffer, cancellationToken)).IsCompleted;
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => _file.FlushAsync(cancellationToken);

    public override void Flush() => _file.Flush();

    /// <summary>After the last byte: waits for the builder and returns what it built, or the reason it could not.</summary>
    public async Task<ResultsIndexStats> CompleteAsync()
    {
        _completed = true;
        await _file.FlushAsync();
        await _pipe.Writer.CompleteAsync();
        _rows.Writer.TryComplete();
        return await _build;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await AbandonAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            AbandonAsync().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    /// <summary>Without <see cref="CompleteAsync"/> the annotation failed: the builder sees its input end in error and gives up.</summary>
    private async Task AbandonAsync()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        var stopped = new OperationCanceledException("The annotation stopped before its output was complete.");
        await _pipe.Writer.CompleteAsync(stopped);
        _rows.Writer.TryComplete(stopped);
        try
        {
            await _build;
        }
        catch (Exception)
        {
            // nothing was built, which is what a failed annotation should leave
        }
    }
}
