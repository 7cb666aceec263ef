namespace Gas.Annotator.Engine.FirstRun;

/// <summary>The engine jobs see while the first-run fetch swaps in a better one as reference data arrives; a running job keeps the engine it started with.</summary>
public sealed class SwitchableAnnotationEngine(IAnnotationEngine initial) : IAnnotationEngine
{
    private volatile IAnnotationEngine _current = initial;

    public IAnnotationEngine Current => _current;

    public void Use(IAnnotationEngine engine) => _current = engine;

    public Task<AnnotationSummary> AnnotateAsync(Stream input, Stream output, TextWriter log, AnnotationLimits limits, CancellationToken ct = default) =>
        _current.AnnotateAsync(input, output, log, limits, ct);

    public Task<AnnotationSummary> AnnotateAsync(Stream input, Stream output, TextWriter log, AnnotationLimits limits, string? genomeBuild, CancellationToken ct = default) =>
        _current.AnnotateAsync(input, output, log, limits, genomeBuild, ct);
}
