using System.Globalization;
using Gas.Core.Jobs;
using Gas.Core.VariantIndex;
using Microsoft.Extensions.Logging;

namespace Gas.Annotator.Worker;

public sealed partial class JobRunner
{
    /// <summary>
    /// Stores the results index, built while annotating (<see cref="IndexingOutputStream"/>), next to the results, for the job
    /// page's summary and variant table. A job whose index could not be built still completes: the web tier builds the index
    /// from the VCF on first view.
    /// </summary>
    /// <param name="engineDone">When the engine returned: the log says how long the index took beyond it.</param>
    private async Task StoreResultsIndexAsync(
        JobOutputs outputs, Task<ResultsIndexStats> built, long engineDone, string indexPath, TextWriter log, CancellationToken ct)
    {
        try
        {
            var stats = await built;
            var added = time.GetElapsedTime(engineDone);
            await resultsIndex.StoreAsync(outputs.ResultsBucket, outputs.ResultKey, indexPath, ct);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Results index: {stats.Alleles:N0} alleles, built while annotating{(stats.Cpu is { } cpu ? $" ({cpu.TotalSeconds:0.000} CPU s on its own thread)" : "")}, ready {added.TotalSeconds:0.000} s after the engine finished"));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not index the results of {ResultKey}; the web tier will build the index on first view", outputs.ResultKey);
            await log.WriteLineAsync("Results index: not built (" + e.Message + "); it will be built when the results are first viewed.");
        }
        finally
        {
            File.Delete(indexPath);
        }
    }
}
