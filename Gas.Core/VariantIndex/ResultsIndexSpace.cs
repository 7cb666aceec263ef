using Microsoft.Data.Sqlite;

namespace Gas.Core.VariantIndex;

/// <summary>
/// Where a results index's bytes go, for <c>index bench</c> and for sizing the format: each block column's blobs, the
/// facets and the labels, and the rest of the file (free space in partly filled pages, B-tree pages, the small tables).
/// </summary>
public static class ResultsIndexSpace
{
    public static IReadOnlyList<(string Part, long Bytes)> Measure(string indexPath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = indexPath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        var parts = new List<(string Part, long Bytes)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT id % {BlockColumns.Count}, sum(length(data)) FROM columns GROUP BY 1 ORDER BY 2 DESC";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                parts.Add(($"{(BlockColumn)reader.GetInt32(0)} column", reader.GetInt64(1)));
            }
        }

        parts.Add(("facets", Sum(connection, "facets")));
        parts.Add(("labels", Sum(connection, "labels")));
        parts.Add(("the rest", new FileInfo(indexPath).Length - parts.Sum(p => p.Bytes)));
        return parts;
    }

    private static long Sum(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT coalesce(sum(length(data)), 0) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
