using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gas.Core.VariantIndex;

/// <summary>
/// The <c>labels</c> table: one row per kind, its texts as one blob — int32 <c>n</c>, <c>n + 1</c> int32 offsets (from 0;
/// little-endian), then the UTF-8 of labels 1…n one after the other (0 stands for none and is not stored). A million alleles have ~40,000 gene
/// lists: one blob is written at the end of a job in about a millisecond, where as many rows took ~40 ms.
/// </summary>
internal static class LabelTable
{
    /// <summary>Writes each kind's labels, by id (index 0, none, is skipped).</summary>
    public static void Write(SqliteConnection connection, IReadOnlyList<IReadOnlyList<string?>> byKind)
    {
        using var insert = new RawStatement(connection, "INSERT INTO labels(kind, data) VALUES (?1, ?2)");
        for (var kind = 0; kind < byKind.Count; kind++)
        {
            var texts = byKind[kind];
            var n = texts.Count - 1;
            var head = new int[n + 2];
            head[0] = n;
            var bytes = 0;
            for (var id = 1; id <= n; id++)
            {
                bytes += Encoding.UTF8.GetByteCount(texts[id] ?? "");
                head[id + 1] = bytes;
            }

            var blob = new byte[head.Length * sizeof(int) + bytes];
            MemoryMarshal.AsBytes(head.AsSpan()).CopyTo(blob);
            var at = head.Length * sizeof(int);
            for (var id = 1; id <= n; id++)
            {
                at += Encoding.UTF8.GetBytes(texts[id] ?? "", blob.AsSpan(at));
            }

            insert.Bind(1, LabelKinds.Names[kind]).Bind(2, blob).Run();
        }
    }

    /// <summary>Every kind's labels by id (index 0 and unknown kinds: null).</summary>
    public static LabelTexts Read(SqliteConnection connection)
    {
        var texts = LabelKinds.Names.Select(_ => new string?[1]).ToArray();
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, "SELECT kind, data FROM labels", out var statement));
        using (statement)
        {
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var kind = Array.IndexOf(LabelKinds.Names, raw.sqlite3_column_text(statement, 0).utf8_to_string());
                if (kind >= 0)
                {
                    texts[kind] = Decode(raw.sqlite3_column_blob(statement, 1), LabelKinds.Names[kind]);
                }
            }

            Check(db, rc);
        }

        return new LabelTexts(texts);
    }

    private static string?[] Decode(ReadOnlySpan<byte> blob, string kind)
    {
        var n = blob.Length >= sizeof(int) ? MemoryMarshal.Read<int>(blob) : -1;
        var head = (n + 2L) * sizeof(int);
        if (n < 0 || head > blob.Length)
        {
            throw new InvalidDataException($"The results index's {kind} labels are damaged.");
        }

        var offsets = MemoryMarshal.Cast<byte, int>(blob[sizeof(int)..(int)head]);
        var utf8 = blob[(int)head..];
        var texts = new string?[n + 1];
        for (var id = 1; id <= n; id++)
        {
            if (offsets[id] < offsets[id - 1] || offsets[id] > utf8.Length)
            {
                throw new InvalidDataException($"The results index's {kind} labels are damaged at {id}.");
            }

            texts[id] = Encoding.UTF8.GetString(utf8[offsets[id - 1]..offsets[id]]);
        }

        return texts;
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            throw new SqliteException($"Reading the results index's labels failed: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
        }
    }
}
