using Gas.Core.Configuration;
using Gas.Core.Messaging;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Gas.Core.Embedded;

/// <summary>
/// Durable queues in SQLite with SQS's rules: a received message is hidden for the visibility timeout,
/// reappears unless deleted, and moves to the dead-letter queue once received more than MaxReceiveCount times.
/// </summary>
public sealed class SqliteQueue : IQueue, IDisposable
{
    // A look at an empty queue is a cheap read without the write lock, so another process's sends can be noticed this often.
    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly SqliteDatabase _db;
    private readonly TimeProvider _time;
    private readonly IReadOnlyDictionary<string, QueueSettings> _queues;
    private readonly Dictionary<string, QueueArrivals> _arrivals;
    private readonly Lock _receiveLock = new();

    public SqliteQueue(SqliteDatabase db, TimeProvider time, IOptions<MessagingOptions> messaging, IOptions<RetentionOptions> retention)
    {
        _db = db;
        _time = time;
        _queues = messaging.Value.EffectiveQueues(retention.Value);
        _arrivals = _queues.Keys.ToDictionary(name => name, _ => new QueueArrivals(), StringComparer.Ordinal);
        using var connection = _db.Open();
        SqliteDatabase.Execute(connection, """
            CREATE TABLE IF NOT EXISTS queue_messages (
                message_id TEXT PRIMARY KEY,
                queue TEXT NOT NULL,
                body TEXT NOT NULL,
                sent_at INTEGER NOT NULL,
                visible_at INTEGER NOT NULL,
                receive_count INTEGER NOT NULL DEFAULT 0,
                receipt_handle TEXT);
            CREATE INDEX IF NOT EXISTS queue_messages_visible ON queue_messages (queue, visible_at, sent_at);
            CREATE UNIQUE INDEX IF NOT EXISTS queue_messages_receipt ON queue_messages (receipt_handle);
            """);
    }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// How often a waiting receive looks again when no send in this process woke it: for another process's sends, and
    /// for delays and visibility timeouts ending (a wait also ends when the queue's next hidden message is due).
    /// </summary>
    internal TimeSpan PollInterval { get; set; } = DefaultPollInterval;

    public Task SendAsync(string queue, string body, TimeSpan? delay = null, CancellationToken ct = default)
    {
        var settings = Settings(queue);
        var effectiveDelay = delay ?? TimeSpan.FromSeconds(settings.DelaySeconds);
        using var connection = _db.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO queue_messages (message_id, queue, body, sent_at, visible_at) VALUES ($id, $queue, $body, $now, $visible)";
        command.Parameters.AddWithValue("$id", Guid.NewGuid().ToString());
        command.Parameters.AddWithValue("$queue", queue);
        command.Parameters.AddWithValue("$body", body);
        command.Parameters.AddWithValue("$now", NowMs);
        command.Parameters.AddWithValue("$visible", NowMs + (long)effectiveDelay.TotalMilliseconds);
        command.ExecuteNonQuery();
        _arrivals[queue].Signal();
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan wait, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var settings = Settings(queue);
        var arrivals = _arrivals[queue];
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            // Taken before looking, so a send between the look and the wait still ends the wait.
            var arrival = arrivals.Next;
            var (received, nextVisibleAt) = TryReceive(queue, settings, maxMessages);
            if (received.Count > 0)
            {
                return received;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                return [];
            }

            var pause = remaining < PollInterval ? remaining : PollInterval;
            if (nextVisibleAt is { } due)
            {
                var untilDue = TimeSpan.FromMilliseconds(Math.Max(1, due - NowMs));
                pause = untilDue < pause ? untilDue : pause;
            }

            // Wakes on a send to this queue in this process; otherwise looks again after the pause.
            await arrival.WaitAsync(pause, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Receives up to <paramref name="maxMessages"/>; when none is visible, says when the queue's next hidden message
    /// becomes visible (null for an empty queue). Looking at an empty queue is a plain read: the write lock is taken only
    /// when there is a message to hand out.
    /// </summary>
    private (List<QueueMessage> Received, long? NextVisibleAt) TryReceive(string queue, QueueSettings settings, int maxMessages)
    {
        var result = new List<QueueMessage>();
        using var connection = _db.Open();
        var nextVisibleAt = NextVisibleAt(connection, queue);
        if (nextVisibleAt is null || nextVisibleAt > NowMs)
        {
            return (result, nextVisibleAt);
        }

        lock (_receiveLock)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var now = NowMs;
            var candidates = new List<(string Id, string Body, int Count)>();
            var movedToDeadLetters = false;
            using (var select = connection.CreateCommand())
            {
                select.Transaction = transaction;
                select.CommandText = "SELECT message_id, body, receive_count FROM queue_messages WHERE queue = $queue AND visible_at <= $now ORDER BY visible_at, sent_at LIMIT $limit";
                select.Parameters.AddWithValue("$queue", queue);
                select.Parameters.AddWithValue("$now", now);
                select.Parameters.AddWithValue("$limit", maxMessages * 4);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    candidates.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
                }
            }

            foreach (var (id, body, count) in candidates)
            {
                if (result.Count == maxMessages)
                {
                    break;
                }

                if (settings.MaxReceiveCount > 0 && count >= settings.MaxReceiveCount && !string.IsNullOrEmpty(settings.DeadLetterQueue))
                {
                    // SQS redrive: a message received MaxReceiveCount times moves to the DLQ instead of a further delivery.
                    Run(connection, transaction,
                        "UPDATE queue_messages SET queue = $dlq, receive_count = 0, receipt_handle = NULL, visible_at = $now WHERE message_id = $id",
                        ("$dlq", settings.DeadLetterQueue), ("$now", now), ("$id", id));
                    movedToDeadLetters = true;
                    continue;
                }

                var receipt = Guid.NewGuid().ToString("N");
                Run(connection, transaction,
                    "UPDATE queue_messages SET receive_count = receive_count + 1, receipt_handle = $receipt, visible_at = $visible WHERE message_id = $id",
                    ("$receipt", receipt), ("$visible", now + (settings.VisibilityTimeoutSeconds * 1000L)), ("$id", id));
                result.Add(new QueueMessage(id, body, receipt, count + 1));
            }

            transaction.Commit();
            if (movedToDeadLetters && _arrivals.TryGetValue(settings.DeadLetterQueue!, out var deadLetters))
            {
                deadLetters.Signal();
            }
        }

        return (result, null);
    }

    private static long? NextVisibleAt(SqliteConnection connection, string queue)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(visible_at) FROM queue_messages WHERE queue = $queue";
        command.Parameters.AddWithValue("$queue", queue);
        return command.ExecuteScalar() is long visibleAt ? visibleAt : null;
    }

    public Task DeleteAsync(string queue, string receiptHandle, CancellationToken ct = default)
    {
        using var connection = _db.Open();
        Run(connection, null, "DELETE FROM queue_messages WHERE queue = $queue AND receipt_handle = $receipt",
            ("$queue", queue), ("$receipt", receiptHandle));
        return Task.CompletedTask;
    }

    public Task ChangeVisibilityAsync(string queue, string receiptHandle, TimeSpan timeout, CancellationToken ct = default)
    {
        using var connection = _db.Open();
        Run(connection, null, "UPDATE queue_messages SET visible_at = $visible WHERE queue = $queue AND receipt_handle = $receipt",
            ("$visible", NowMs + (long)timeout.TotalMilliseconds), ("$queue", queue), ("$receipt", receiptHandle));
        if (timeout <= TimeSpan.Zero)
        {
            _arrivals[queue].Signal();
        }

        return Task.CompletedTask;
    }

    /// <summary>Messages in a queue, visible or not (for tests and the admin view).</summary>
    public int Count(string queue)
    {
        using var connection = _db.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM queue_messages WHERE queue = $queue";
        command.Parameters.AddWithValue("$queue", queue);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        foreach (var arrivals in _arrivals.Values)
        {
            arrivals.Signal();
        }
    }

    private QueueSettings Settings(string queue) =>
        _queues.TryGetValue(queue, out var settings)
            ? settings
            : throw new InvalidOperationException($"Queue '{queue}' is not configured (Gas:Messaging).");

    private static void Run(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}

/// <summary>
/// One queue's wake-up: every receive waiting on the queue wakes when a message is sent to it (in this process), and
/// no other queue's send wakes it. A waiter takes <see cref="Next"/> before it looks at the queue, so it cannot miss a send.
/// </summary>
internal sealed class QueueArrivals
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Signal() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

/// <summary>Topics that fan a message out to every subscribed embedded queue.</summary>
public sealed class EmbeddedTopic(IQueue queue, IOptions<MessagingOptions> messaging) : ITopic
{
    private readonly IReadOnlyDictionary<string, string[]> _subscriptions = messaging.Value.Subscriptions();

    public async Task PublishAsync(string topic, string body, CancellationToken ct = default)
    {
        if (!_subscriptions.TryGetValue(topic, out var queues))
        {
            throw new InvalidOperationException($"Topic '{topic}' is not configured (Gas:Messaging).");
        }

        foreach (var name in queues)
        {
            await queue.SendAsync(name, body, ct: ct);
        }
    }
}
