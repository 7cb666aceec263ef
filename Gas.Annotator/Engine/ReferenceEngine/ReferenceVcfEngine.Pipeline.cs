using System.Buffers;
using System.Collections.Concurrent;
using Gas.Annotator.Engine.Validation;
using Gas.Core.VariantIndex;

namespace Gas.Annotator.Engine;

public sealed partial class ReferenceVcfEngine
{
    /// <summary>
    /// The records, in batches of whole lines annotated on every core and written back in input order. The first failure in
    /// file order is the one thrown; the variant limit is checked as batches are written, so no more than a few batches past
    /// it are ever annotated. An output that indexes what it is given (<see cref="IIndexedOutput"/>) gets each batch's alleles
    /// as parsed rows, filled on the worker that annotated them, right after the batch's text.
    /// </summary>
    private async Task<RecordProcessor> AnnotateRecordsAsync(
        VcfLineReader reader, LineBatch? first, int columns, VcfValidation validation, Stream output, AnnotationLimits limits, CancellationToken ct)
    {
        var processors = new ConcurrentBag<RecordProcessor>();
        var allProcessors = new List<RecordProcessor>();
        var sinks = new ConcurrentBag<ByteSink>();
        var pending = new Queue<Task<(ByteSink Sink, long Records, IndexRows? Rows)>>();
        var index = output as IIndexedOutput;
        var parallelism = Math.Max(1, maxParallelism ?? Environment.ProcessorCount);
        long records = 0;

        async Task WriteNextAsync()
        {
            var (sink, count, rows) = await pending.Dequeue();
            records += count;
            if (records > limits.MaxVariants)
            {
                throw limits.VariantCountExceeded();
            }

            await output.WriteAsync(sink.Memory, ct);
            sink.Clear();
            sinks.Add(sink);
            if (rows is not null)
            {
                await index!.AddRowsAsync(rows, ct);
            }
        }

        index?.BeginRows();
        try
        {
            var next = first ?? await reader.ReadBatchAsync(ct);
            while (next is { } batch)
            {
                pending.Enqueue(Task.Run(() =>
                {
                    if (!processors.TryTake(out var processor))
                    {
                        processor = new RecordProcessor(reference, columns, validation.CreateRecordValidator());
                        lock (allProcessors)
                        {
                            allProcessors.Add(processor);
                        }
                    }

                    var sink = sinks.TryTake(out var pooled) ? pooled : new ByteSink(BatchBytes * 2);
                    var rows = index?.RentRows();
                    try
                    {
                        return (sink, processor.Process(batch.Data, batch.FirstLine, sink, rows, ct), rows);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(batch.Buffer);
                        processors.Add(processor);
                    }
                }, ct));

                while (pending.Count > parallelism)
                {
                    await WriteNextAsync();
                }

                try
                {
                    next = await reader.ReadBatchAsync(ct);
                }
                catch (RejectedInputException)
                {
                    // a fault found while reading ahead (a long line, damaged gzip) comes after the batches still in flight
                    while (pending.Count > 0)
                    {
                        await WriteNextAsync();
                    }

                    throw;
                }
            }

            while (pending.Count > 0)
            {
                await WriteNextAsync();
            }
        }
        finally
        {
            while (pending.Count > 0)
            {
                try
                {
                    await pending.Dequeue();
                }
                catch (Exception e) when (e is RejectedInputException or OperationCanceledException)
                {
                    // the first failure in file order has already been thrown
                }
            }
        }

        return RecordProcessor.Merge(allProcessors);
    }
}
