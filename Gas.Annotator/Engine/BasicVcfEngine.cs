using System.Buffers;
using System.Globalization;
using Gas.Annotator.Engine.Validation;

namespace Gas.Annotator.Engine;

/// <summary>
/// Validates and streams a VCF, tagging every record with <c>GAS_ANNOTATED</c> and counting variants. It reads and checks its
/// input exactly as the reference engine does (<see cref="VcfLineReader"/>, <see cref="VcfHeader"/>, <see cref="VcfRecord"/>),
/// which replaces it where reference data is configured.
/// </summary>
/// <param name="maxLineBytes">The longest line read (<see cref="EngineOptions.MaxLineBytes"/>).</param>
/// <param name="reason">Why there is no reference, for the log and the job's warnings.</param>
/// <param name="validate">Check the input against every rule of the VCF specification (<see cref="EngineOptions.ValidateVcf"/>).</param>
public sealed class BasicVcfEngine(
    TimeProvider time, int maxLineBytes = EngineOptions.DefaultMaxLineBytes, string? reason = null, bool validate = true) : IAnnotationEngine
{
    private const int BatchBytes = 1 << 16;

    private const string InfoHeader =
        "##INFO=<ID=GAS_ANNOTATED,Number=0,Type=Flag,Description=\"Record passed through the GAS annotator\">";

    public Task<AnnotationSummary> AnnotateAsync(Stream input, Stream output, TextWriter log, AnnotationLimits limits, CancellationToken ct = default)
    {
        var validation = new VcfValidation(validate);
        return validation.RunAsync(() => AnnotateAsync(input, output, log, limits, validation, ct));
    }

    private async Task<AnnotationSummary> AnnotateAsync(
        Stream input, Stream output, TextWriter log, AnnotationLimits limits, VcfValidation validation, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        await using var source = await VcfInput.OpenAsync(input, limits, ct);
        using var reader = new VcfLineReader(source, maxLineBytes, BatchBytes);
        var header = new VcfHeader(validation.Header);
        var records = validation.CreateRecordValidator();
        var sink = new ByteSink(BatchBytes * 2);
        long variants = 0;
        while (await reader.ReadBatchAsync(ct) is { } batch)
        {
            try
            {
                variants += Tag(batch, header, records, sink);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(batch.Buffer);
            }

            if (variants > limits.MaxVariants)
            {
                throw limits.VariantCountExceeded();
            }

            await output.WriteAsync(sink.Memory, ct);
            sink.Clear();
        }

        header.Finish();
        await output.FlushAsync(ct);
        var elapsed = time.GetElapsedTime(started);
        await log.WriteLineAsync($"Engine: basic (validation and tagging; {reason ?? "no reference data configured"})");
        await log.WriteLineAsync($"Input: {source.Description}; {AnnotationLimits.Size(source.BytesRead)} of VCF text");
        await log.WriteLineAsync("Sources: none");
        await log.WriteLineAsync($"Variants: {variants.ToString(CultureInfo.InvariantCulture)}");
        await log.WriteLineAsync($"Elapsed: {elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s");
        return new AnnotationSummary(variants, [reason is null
            ? "No reference data is configured: variants were validated but not annotated with genes."
            : $"No usable reference data ({reason}): variants were validated but not annotated with genes."]);
    }

    /// <summary>Checks and copies one batch of lines, each record's INFO tagged; returns the records.</summary>
    private static long Tag(LineBatch batch, VcfHeader header, RecordValidator validator, ByteSink sink)
    {
        var data = batch.Data;
        var lineNumber = batch.FirstLine - 1;
        var position = 0;
        long records = 0;
        var read = false;
        validator.BeginBatch(batch.FirstLine);
        try
        {
            while (position < data.Length)
            {
                var line = VcfLineReader.NextLine(data, ref position);
                lineNumber++;
                if (!header.Done)
                {
                    switch (header.Read(line))
                    {
                        case HeaderLine.Meta:
                            sink.Write(line);
                            sink.Write((byte)'\n');
                            break;
                        case HeaderLine.Columns:
                            sink.Write(InfoHeader);
                            sink.Write((byte)'\n');
                            sink.Write(line);
                            sink.Write((byte)'\n');
                            break;
                    }

                    continue;
                }

                if (line.IsEmpty)
                {
                    continue;
                }

                var record = VcfRecord.Parse(line, header.Columns, lineNumber);
                validator.Check(record, lineNumber);
                sink.Write(record.UpToInfo);
                if (record.Info is [] or [(byte)'.'])
                {
                    sink.Write("GAS_ANNOTATED"u8);
                }
                else
                {
                    sink.Write(record.Info);
                    sink.Write(";GAS_ANNOTATED"u8);
                }

                sink.Write(record.Samples);
                sink.Write((byte)'\n');
                records++;
            }

            read = true;
        }
        finally
        {
            validator.EndBatch(lineNumber, read);
        }

        return records;
    }
}
