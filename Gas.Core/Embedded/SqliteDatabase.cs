using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Gas.Core.Embedded;

/// <summary>One SQLite file shared by the embedded job store and queues, in WAL mode so readers never block the writer.</summary>
public sealed class SqliteDatabase : IDisposable
{
    private const string ConnectionPragmas = "PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL;";

    /// <summary>Read sessions kept between reads; more at once than this are opened and closed per read.</summary>
    private static readonly int KeptReaders = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly string _connectionString;

    /// <summary>The pool's physical connections that have had <see cref="ConnectionPragmas"/> (a pooled connection keeps them).</summary>
    private readonly ConditionalWeakTable<object, object> _configured = [];

    private readonly ConcurrentBag<ReadSession> _readers = [];
    private bool _disposed;

    public SqliteDatabase(string path)
    {
        PrivateFiles.CreateFile(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        var handle = connection.Handle!;
        if (!_configured.TryGetValue(handle, out _))
        {
            Execute(connection, ConnectionPragmas);
            _configured.AddOrUpdate(handle, handle);
        }

        return connection;
    }

    /// <summary>
    /// Runs a query on a kept connection whose statement for <paramref name="sql"/> stays prepared between calls (the hot
    /// reads of the pages: a job, a page of a user's jobs). <paramref name="bind"/> adds the parameters afresh each time.
    /// </summary>
    public T Read<T>(string sql, Action<SqliteParameterCollection> bind, Func<SqliteDataReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentNullException.ThrowIfNull(read);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_readers.TryTake(out var session))
        {
            session = new ReadSession(Open());
        }

        var keep = false;
        try
        {
            var command = session.Command(sql);
            command.Parameters.Clear();
            bind(command.Parameters);
            T result;
            using (var reader = command.ExecuteReader())
            {
                result = read(reader);
            }

            keep = true;
            return result;
        }
        finally
        {
            if (keep && !_disposed && _readers.Count < KeptReaders)
            {
                _readers.Add(session);
            }
            else
            {
                session.Dispose();
            }
        }
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _disposed = true;
        while (_readers.TryTake(out var session))
        {
            session.Dispose();
        }
    }

    /// <summary>A connection with its prepared commands, used by one read at a time.</summary>
    private sealed class ReadSession(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public SqliteCommand Command(string sql)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                _commands[sql] = command;
            }

            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            connection.Dispose();
        }
    }
}
