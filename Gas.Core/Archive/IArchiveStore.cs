namespace Gas.Core.Archive;

/// <summary>Cold storage: cheap to keep, slow to get back (a restore must finish before reading).</summary>
public interface IArchiveStore
{
    /// <summary>
    /// Stores content under <paramref name="archiveId"/> (from <see cref="NewId"/>): the caller names the copy before making
    /// it, so it can record the name first and a copy left by a process killed mid-way is never lost track of.
    /// </summary>
    Task ArchiveAsync(string archiveId, Stream content, string description, CancellationToken ct = default);

    /// <summary>A fresh archive id.</summary>
    static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Size of an archive, or null when it does not exist.</summary>
    Task<long?> GetSizeAsync(string archiveId, CancellationToken ct = default);

    /// <summary>Asks for an archive to be brought back at a tier; a repeat request does not start a second restore.</summary>
    Task<RestoreRequestOutcome> RequestRestoreAsync(string archiveId, RestoreTier tier, CancellationToken ct = default);

    Task<RestoreProgress> GetRestoreProgressAsync(string archiveId, CancellationToken ct = default);

    /// <summary>Reads a restored archive; throws <see cref="InvalidOperationException"/> until the restore is done.</summary>
    Task<Stream> OpenRestoredAsync(string archiveId, CancellationToken ct = default);

    Task DeleteAsync(string archiveId, CancellationToken ct = default);
}

/// <summary>Retrieval speed classes, as S3 Glacier names them.</summary>
public enum RestoreTier
{
    Expedited,
    Standard,
    Bulk,
}

/// <summary>What a restore request did.</summary>
public enum RestoreRequestOutcome
{
    Started,
    AlreadyInProgress,
    AlreadyRestored,
    TierUnavailable,
}

/// <summary>Where a restore stands.</summary>
public enum RestoreProgress
{
    NotRequested,
    InProgress,
    Ready,
    Missing,
}
