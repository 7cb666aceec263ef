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
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly SqliteDatabase _db;
    private readonly TimeProvider _time;
    private readonly IReadOnlyDictionary<string, QueueSettings> _queues;
    private readonly SemaphoreSlim _arrivals = new(0);
    private readonly Lock _receiveLock = new();

    public SqliteQueue(SqliteDatabase db, TimeProvider time, IOptions<MessagingOptions> messaging, IOptions<RetentionOptions> retention)
    {
        _db = db;
        _time = time;
        _queues = messaging.Value.EffectiveQueues(retention.Value);
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
        _arrivals.Release();
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan wait, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var settings = Settings(queue);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var received = TryReceive(queue, settings, maxMessages);
            if (received.Count > 0)
            {
                return received;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                return [];
            }

            // Wake on a send in this process, or poll for delays/visibility expiring and other processes' sends.
            await _arrivals.WaitAsync(remaining < PollInterval ? remaining : PollInterval, ct);
        }
    }

    private List<QueueMessage> TryReceive(string queue, QueueSettings settings, int maxMessages)
    {
        var result = new List<QueueMessage>();
        lock (_receiveLock)
        {
            using var connection = _db.Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            var now = NowMs;
            var candidates = new List<(string Id, string Body, int Count)>();
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
                    continue;
                }

                var receipt = Guid.NewGuid().ToString("N");
                Run(connection, transaction,
                    "UPDATE queue_messages SET receive_count = receive_count + 1, receipt_handle = $receipt, visible_at = $visible WHERE message_id = $id",
                    ("$receipt", receipt), ("$visible", now + (settings.VisibilityTimeoutSeconds * 1000L)), ("$id", id));
                result.Add(new QueueMessage(id, body, receipt, count + 1));
            }

            transaction.Commit();
        }

        return result;
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

    public void Dispose() => _arrivals.Dispose();

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
