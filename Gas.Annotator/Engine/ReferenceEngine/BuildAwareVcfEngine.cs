using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using Gas.Annotator.Engine.Reference;

namespace Gas.Annotator.Engine;

/// <summary>
/// Picks the reference for each input: the build the job asked for, else the one its header names (<c>##reference</c>,
/// <c>##contig</c> lengths, <c>assembly=</c>), else the default (GRCh37 when installed). An input whose header names another
/// build (NCBI36, …) is refused rather than annotated against the wrong genome. Each build's engine is made on first use.
/// The header is read under the same input rules, line bound and plan limits as the annotation that follows.
/// </summary>
/// <param name="maxLineBytes">The longest line read (<see cref="EngineOptions.MaxLineBytes"/>), here and by every build's engine.</param>
/// <param name="validate">Every build's engine checks the input against all the VCF rules (<see cref="EngineOptions.ValidateVcf"/>).</param>
public sealed class BuildAwareVcfEngine(
    ReferenceLibrary library, TimeProvider time, int maxLineBytes = EngineOptions.DefaultMaxLineBytes, bool validate = true) : IAnnotationEngine
{
    private const int HeaderBatchBytes = 1 << 16;
    private readonly ConcurrentDictionary<GenomeBuild, Lazy<ReferenceVcfEngine>> _engines = new();

    public ReferenceLibrary Library => library;

    /// <summary>The build used when the header names none: GRCh37 when installed, else the only one there is.</summary>
    public GenomeBuild DefaultBuild => library.Builds.Contains(GenomeBuild.Grch37) ? GenomeBuild.Grch37 : library.Builds[0];

    public Task<AnnotationSummary> AnnotateAsync(Stream input, Stream output, TextWriter log, AnnotationLimits limits, CancellationToken ct = default) =>
        AnnotateAsync(input, output, log, limits, genomeBuild: null, ct);

    public async Task<AnnotationSummary> AnnotateAsync(
        Stream input, Stream output, TextWriter log, AnnotationLimits limits, string? genomeBuild, CancellationToken ct = default)
    {
        var (build, reason) = await ChooseAsync(input, limits, genomeBuild, ct);
        await log.WriteLineAsync($"Genome build: {build} ({reason})");
        var summary = await EngineFor(build).AnnotateAsync(input, output, log, limits, ct);
        return summary with { GenomeBuild = build.Name, GenomeBuildReason = reason };
    }

    /// <summary>Loads the default build and compiles the hot path, so the first job runs at full speed.</summary>
    public void WarmUp() => _ = EngineFor(DefaultBuild);

    private ReferenceVcfEngine EngineFor(GenomeBuild build) =>
        _engines.GetOrAdd(build, b => new Lazy<ReferenceVcfEngine>(() =>
        {
            var engine = new ReferenceVcfEngine(library.Get(b)!, time, maxLineBytes: maxLineBytes, validate: validate);
            engine.WarmUp();
            return engine;
        })).Value;

    private async Task<(GenomeBuild Build, string Reason)> ChooseAsync(Stream input, AnnotationLimits limits, string? requested, CancellationToken ct)
    {
        var installed = string.Join(" and ", library.Builds.Select(b => b.Name));
        if (!string.IsNullOrEmpty(requested) && !requested.Equals("detect", StringComparison.OrdinalIgnoreCase))
        {
            var chosen = GenomeBuild.ParseAnnotated(requested)
                ?? throw new GenomeBuildRefusedException($"'{requested}' is not a genome build GAS annotates (GRCh37 or GRCh38).");
            return library.Builds.Contains(chosen)
                ? (chosen, "chosen on upload")
                : throw new GenomeBuildRefusedException($"{chosen} was chosen, but this annotator only has {installed} reference data. Choose another build, or ask the operator to run 'Gas.Annotator reference fetch --build {chosen.UcscName}'.");
        }

        var start = input.Position;
        var check = new BuildCheck(null);
        try
        {
            await ReadHeaderAsync(input, limits, check, ct);
        }
        catch (VcfFormatException e) when (e.Validation is null)
        {
            input.Position = start;
            throw await WithValidationAsync(e, input, limits, ct);
        }

        input.Position = start;
        check.Conclude();
        if (check.InputBuild is not { } declared)
        {
            return (DefaultBuild, $"the header does not say; {DefaultBuild.Name} is the default — choose the build on the upload form if that is wrong");
        }

        if (!GenomeBuild.Annotated.Contains(declared))
        {
            throw new GenomeBuildRefusedException(
                $"The input was called on {declared} (from {check.Evidence}); GAS annotates GRCh37 and GRCh38 only. " +
                "Lift the file over to GRCh38 (or GRCh37) and submit it again, or choose a build on the upload form to annotate it against that genome anyway.");
        }

        return library.Builds.Contains(declared)
            ? (declared, $"detected from {check.Evidence}")
            : throw new GenomeBuildRefusedException(
                $"The input was called on {declared} (from {check.Evidence}), but this annotator only has {installed} reference data. Ask the operator to run 'Gas.Annotator reference fetch --build {declared.UcscName}'.");
    }

    private async Task ReadHeaderAsync(Stream input, AnnotationLimits limits, BuildCheck check, CancellationToken ct)
    {
        await using var source = await VcfInput.OpenAsync(input, limits, ct);
        using var reader = new VcfLineReader(source, maxLineBytes, HeaderBatchBytes);
        var header = new VcfHeader();
        while (!header.Done && await reader.ReadBatchAsync(ct) is { } batch)
        {
            try
            {
                ReadMetaLines(batch.Data, header, check);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(batch.Buffer);
            }
        }

        header.Finish();
    }

    /// <summary>
    /// A header that breaks the input rules fails here, before any build's engine validated it: the default build's engine reads it
    /// again (writing nothing) to fail on the same line with its validation report (the warnings before the error), as a
    /// single-build engine would. Should it not fail, the header check's own error stands.
    /// </summary>
    private async Task<VcfFormatException> WithValidationAsync(VcfFormatException error, Stream input, AnnotationLimits limits, CancellationToken ct)
    {
        try
        {
            await EngineFor(DefaultBuild).AnnotateAsync(input, Stream.Null, TextWriter.Null, limits, ct);
        }
        catch (VcfFormatException validated) when (validated.LineNumber == error.LineNumber && validated.Validation is not null)
        {
            return validated;
        }

        return error;
    }

    /// <summary>Checks header lines by the shared rules up to '#CHROM', handing each meta line to the build check.</summary>
    private static void ReadMetaLines(ReadOnlySpan<byte> data, VcfHeader header, BuildCheck check)
    {
        var position = 0;
        while (position < data.Length && !header.Done)
        {
            var line = VcfLineReader.NextLine(data, ref position);
            if (header.Read(line) == HeaderLine.Meta)
            {
                check.AddMetaLine(Encoding.UTF8.GetString(line));
            }
        }
    }
}
