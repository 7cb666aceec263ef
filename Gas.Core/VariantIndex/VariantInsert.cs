using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gas.Core.VariantIndex;

/// <summary>
/// The one prepared INSERT the variant rows go through, bound with SQLite's own API (the one Microsoft.Data.Sqlite wraps):
/// spans straight from the line, no parameter objects, which makes the build several times faster at a million rows.
/// </summary>
internal sealed class VariantInsert : IDisposable
{
    private const string Sql = """
        INSERT INTO variants(record, facet, pos, vcf_id, ref, alt, qual, gene_detail, aa_change)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
        """;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public VariantInsert(SqliteConnection connection)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, Sql, out _statement));
    }

    /// <summary>Adds one allele; its id is the next rowid, so rows keep the file's order.</summary>
    public void Add(long recordNumber, int facet, in RecordLine record, int allele, double? qual)
    {
        var s = _statement;
        raw.sqlite3_bind_int64(s, 1, recordNumber);
        raw.sqlite3_bind_int(s, 2, facet);
        raw.sqlite3_bind_int64(s, 3, record.Pos);
        Text(4, record.Id is "." ? default : record.Id);
        Text(5, record.Ref);
        Text(6, record.Alt(allele));
        if (qual is { } q)
        {
            raw.sqlite3_bind_double(s, 7, q);
        }
        else
        {
            raw.sqlite3_bind_null(s, 7);
        }

        Text(8, record.Value(RecordLine.GeneDetail, allele));
        Text(9, record.Value(RecordLine.AAChange, allele));
        var rc = raw.sqlite3_step(s);
        raw.sqlite3_reset(s);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }
    }

    public void Dispose() => _statement.Dispose();

    /// <summary>Text as displayed (escapes undone), or NULL for none.</summary>
    private void Text(int index, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            raw.sqlite3_bind_null(_statement, index);
        }
        else if (value.Contains('\\'))
        {
            raw.sqlite3_bind_text(_statement, index, AnnotatedVcf.Unescape(value.ToString()));
        }
        else
        {
            raw.sqlite3_bind_text16(_statement, index, value);
        }
    }

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException($"Writing the results index failed: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
        }
    }
}
