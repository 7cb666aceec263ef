namespace Gas.Annotator.Engine.FirstRun;

/// <summary>Where the first-run fetch of hg19 is.</summary>
public enum ProvisioningStage
{
    /// <summary>Fetching the tables (genes, bands, GWAS catalog): jobs wait as PENDING.</summary>
    Tables,

    /// <summary>The tables are in and jobs run; the genome (.2bit, for ExonicFunc/AAChange) is still coming.</summary>
    Genome,

    Ready,

    /// <summary>A download failed: jobs run (validated, tagged, and annotated as far as the data that did arrive allows) with a note saying why.</summary>
    Failed,
}

/// <summary>
/// The state of the embedded service's first-run reference fetch (<see cref="ReferenceAutoFetch"/>), shared with the pages (the
/// banner, a waiting job's reason) and the worker, which takes no job until the tables are in or the fetch has failed.
/// </summary>
public sealed class ReferenceProvisioning(string directory)
{
    private readonly TaskCompletionSource _tablesSettled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile State _state = new(ProvisioningStage.Tables, 0, null);

    /// <summary>The reference directory the fetch fills: <c>&lt;data directory&gt;/reference</c> (hg19 in its <c>hg19/</c> folder).</summary>
    public string Directory { get; } = directory;

    public ProvisioningStage Stage => _state.Stage;

    /// <summary>The current stage's percent done.</summary>
    public int Percent => _state.Percent;

    /// <summary>Why the fetch failed and how to fix it, once <see cref="Stage"/> is <see cref="ProvisioningStage.Failed"/>.</summary>
    public string? Failure => _state.Failure;

    /// <summary>Completes when jobs may run: the tables are in, or the fetch failed.</summary>
    public Task WaitForTablesAsync(CancellationToken ct) => _tablesSettled.Task.WaitAsync(ct);

    /// <summary>The line every page shows, or null once everything is in.</summary>
    public string? Banner => _state switch
    {
        { Stage: ProvisioningStage.Tables } s => $"Downloading hg19 reference data: {s.Percent} %. Jobs submitted meanwhile wait, then run.",
        { Stage: ProvisioningStage.Genome } s =>
            $"Downloading the hg19 genome: {s.Percent} %. Jobs are annotated meanwhile, without ExonicFunc/AAChange; re-annotate them once it is done.",
        { Stage: ProvisioningStage.Failed } s => s.Failure,
        _ => null,
    };

    /// <summary>Why a PENDING job has not started, or null when nothing holds it back.</summary>
    public string? PendingReason => _state is { Stage: ProvisioningStage.Tables } s
        ? $"Waiting for the hg19 reference data to download ({s.Percent} %); the job starts as soon as it is there."
        : null;

    /// <summary>How to fix a failed fetch, for the banner, the log and each job's notes.</summary>
    public string HowToFix =>
        $"To fix it, run 'dotnet run --project Gas.Annotator -- reference fetch --reference {Directory}' (it resumes the download) and restart the service, " +
        "or set Gas:Engine:ReferenceDirectory to a folder with hg19 tables; then re-annotate the job.";

    public void Report(int percent) => _state = _state with { Percent = percent };

    public void TablesReady()
    {
        _state = new State(ProvisioningStage.Genome, 0, null);
        _tablesSettled.TrySetResult();
    }

    public void Ready()
    {
        _state = new State(ProvisioningStage.Ready, 100, null);
        _tablesSettled.TrySetResult();
    }

    public void Fail(string failure)
    {
        _state = new State(ProvisioningStage.Failed, _state.Percent, failure);
        _tablesSettled.TrySetResult();
    }

    private sealed record State(ProvisioningStage Stage, int Percent, string? Failure);
}
