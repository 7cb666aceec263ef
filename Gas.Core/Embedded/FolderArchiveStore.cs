using System.Text.Json;
using Gas.Core.Archive;
using Gas.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Gas.Core.Embedded;

/// <summary>
/// Cold storage as a folder, with Glacier's two-step read simulated: a restore at a tier becomes readable only
/// after that tier's configured delay (measured on <see cref="TimeProvider"/>), and Expedited can be refused.
/// </summary>
public sealed class FolderArchiveStore(IOptions<EmbeddedOptions> options, TimeProvider time) : IArchiveStore
{
    private readonly string _root = Path.GetFullPath(Path.Combine(options.Value.DataDirectory, "archive"));
    private readonly EmbeddedOptions _options = options.Value;

    public async Task ArchiveAsync(string archiveId, Stream content, string description, CancellationToken ct = default)
    {
        PrivateFiles.CreateDirectory(_root);
        var id = archiveId;
        await using (var file = File.Create(DataPath(id)))
        {
            await content.CopyToAsync(file, ct);
        }

        await WriteStateAsync(id, new ArchiveRecord(description, null, null), ct);
    }

    public Task<long?> GetSizeAsync(string archiveId, CancellationToken ct = default)
    {
        var file = new FileInfo(DataPath(archiveId));
        return Task.FromResult(file.Exists ? file.Length : (long?)null);
    }

    public async Task<RestoreRequestOutcome> RequestRestoreAsync(string archiveId, RestoreTier tier, CancellationToken ct = default)
    {
        var state = await ReadStateAsync(archiveId, ct) ?? throw new InvalidOperationException($"Archive {archiveId} does not exist.");
        if (state.ReadyAt is { } readyAt)
        {
            return time.GetUtcNow().ToUnixTimeMilliseconds() >= readyAt
                ? RestoreRequestOutcome.AlreadyRestored
                : RestoreRequestOutcome.AlreadyInProgress;
        }

        if (tier == RestoreTier.Expedited && _options.RefuseExpeditedRestores)
        {
            return RestoreRequestOutcome.TierUnavailable;
        }

        var delay = tier switch
        {
            RestoreTier.Expedited => _options.ExpeditedRestoreDelay,
            RestoreTier.Standard => _options.StandardRestoreDelay,
            _ => _options.BulkRestoreDelay,
        };
        await WriteStateAsync(archiveId, state with { Tier = tier.ToString(), ReadyAt = time.GetUtcNow().Add(delay).ToUnixTimeMilliseconds() }, ct);
        return RestoreRequestOutcome.Started;
    }

    public async Task<RestoreProgress> GetRestoreProgressAsync(string archiveId, CancellationToken ct = default)
    {
        var state = await ReadStateAsync(archiveId, ct);
        return state switch
        {
            null => RestoreProgress.Missing,
            { ReadyAt: null } => RestoreProgress.NotRequested,
            { ReadyAt: var readyAt } when time.GetUtcNow().ToUnixTimeMilliseconds() >= readyAt => RestoreProgress.Ready,
            _ => RestoreProgress.InProgress,
        };
    }

    public async Task<Stream> OpenRestoredAsync(string archiveId, CancellationToken ct = default)
    {
        if (await GetRestoreProgressAsync(archiveId, ct) != RestoreProgress.Ready)
        {
            throw new InvalidOperationException($"Archive {archiveId} has not been restored.");
        }

        return File.OpenRead(DataPath(archiveId));
    }

    public Task DeleteAsync(string archiveId, CancellationToken ct = default)
    {
        File.Delete(DataPath(archiveId));
        File.Delete(StatePath(archiveId));
        return Task.CompletedTask;
    }

    private string DataPath(string id) => Path.Combine(_root, Validate(id) + ".bin");

    private string StatePath(string id) => Path.Combine(_root, Validate(id) + ".json");

    private static string Validate(string id) =>
        id.Length > 0 && id.All(char.IsAsciiLetterOrDigit) ? id : throw new ArgumentException($"Invalid archive id '{id}'.", nameof(id));

    private async Task<ArchiveRecord?> ReadStateAsync(string id, CancellationToken ct)
    {
        var path = StatePath(id);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<ArchiveRecord>(file, cancellationToken: ct);
    }

    private async Task WriteStateAsync(string id, ArchiveRecord record, CancellationToken ct)
    {
        var path = StatePath(id);
        var temp = path + ".tmp";
        await File.WriteAllBytesAsync(temp, JsonSerializer.SerializeToUtf8Bytes(record), ct);
        File.Move(temp, path, overwrite: true);
    }

    private sealed record ArchiveRecord(string Description, string? Tier, long? ReadyAt);
}
