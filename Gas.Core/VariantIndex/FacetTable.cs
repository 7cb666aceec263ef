using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gas.Core.VariantIndex;

/// <summary>
/// The <c>facets</c> table: every facet with its allele count, <see cref="ChunkFacets"/> to a blob, chunk k holding the
/// facets with ids from <c>k * ChunkFacets</c> on, each as nine <see cref="Leb128"/> numbers: its eight label ids (in
/// <see cref="LabelKind"/> order) and its allele count times two plus the known flag. A million alleles make ~200,000 facets
/// of 11-13 bytes (44 as fixed-width numbers): a few dozen blobs are written and read in milliseconds, where as many SQLite
/// rows took a tenth of a second each way.
/// </summary>
internal static class FacetTable
{
    public const int ChunkFacets = 1 << 13;

    // eight label ids of up to 5 bytes and a count of up to 10
    private const int MaxFacetBytes = 8 * 5 + Leb128.MaxBytes;

    /// <summary>
    /// Takes facets as the writer meets them, each with its final count (a batch's facets are never merged with later
    /// ones), and writes each full chunk at once: the index thread never holds the job's facets, only one chunk.
    /// </summary>
    internal sealed class Writer(SqliteConnection connection) : IDisposable
    {
        private readonly RawStatement _insert = new(connection, "INSERT INTO facets(id, data) VALUES (?1, ?2)");
        private byte[] _chunk = new byte[ChunkFacets * 16];
        private int _bytes;
        private int _inChunk;
        private int _chunks;

        /// <summary>The facet's id.</summary>
        public int Add(in Facet f, long n)
        {
            if (_chunk.Length - _bytes < MaxFacetBytes)
            {
                Array.Resize(ref _chunk, _chunk.Length * 2);
            }

            var into = _chunk.AsSpan();
            var at = _bytes;
            at = Leb128.Write((uint)f.Chrom, into, at);
            at = Leb128.Write((uint)f.Filter, into, at);
            at = Leb128.Write((uint)f.Func, into, at);
            at = Leb128.Write((uint)f.Genes, into, at);
            at = Leb128.Write((uint)f.ExonicFunc, into, at);
            at = Leb128.Write((uint)f.CytoBand, into, at);
            at = Leb128.Write((uint)f.Gwas, into, at);
            at = Leb128.Write((uint)f.BuildCheck, into, at);
            _bytes = Leb128.Write(((ulong)n << 1) | (f.Known ? 1UL : 0UL), into, at);
            var id = _chunks * ChunkFacets + _inChunk++;
            if (_inChunk == ChunkFacets)
            {
                Flush();
            }

            return id;
        }

        /// <summary>Writes the partial last chunk.</summary>
        public void Flush()
        {
            if (_inChunk > 0)
            {
                _insert.Bind(1, _chunks++).Bind(2, _chunk.AsSpan(0, _bytes)).Run();
                (_inChunk, _bytes) = (0, 0);
            }
        }

        public void Dispose() => _insert.Dispose();
    }

    /// <summary>Every facet by id, and its allele count.</summary>
    public static (Facet[] Facets, long[] Counts) Read(SqliteConnection connection)
    {
        var facets = new List<Facet>();
        var counts = new List<long>();
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, "SELECT id, data FROM facets ORDER BY id", out var statement));
        using (statement)
        {
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var chunk = raw.sqlite3_column_int64(statement, 0);
                var blob = raw.sqlite3_column_blob(statement, 1);
                if (chunk != facets.Count / ChunkFacets || facets.Count % ChunkFacets != 0 || !TryReadChunk(blob, facets, counts))
                {
                    throw new InvalidDataException($"The results index's facets are damaged at chunk {chunk}.");
                }
            }

            Check(db, rc);
        }

        return ([.. facets], [.. counts]);
    }

    // a chunk holds whole facets, at most ChunkFacets of them, every number a label id or a count that fits
    private static bool TryReadChunk(ReadOnlySpan<byte> blob, List<Facet> facets, List<long> counts)
    {
        Span<int> ids = stackalloc int[LabelKinds.Names.Length];
        var at = 0;
        for (var n = 0; at < blob.Length; n++)
        {
            if (n == ChunkFacets)
            {
                return false;
            }

            for (var k = 0; k < ids.Length; k++)
            {
                if (!Leb128.TryRead(blob, ref at, out var id) || id > int.MaxValue)
                {
                    return false;
                }

                ids[k] = (int)id;
            }

            if (!Leb128.TryRead(blob, ref at, out var countAndKnown))
            {
                return false;
            }

            facets.Add(new Facet(ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6], ids[7], (countAndKnown & 1) != 0));
            counts.Add((long)(countAndKnown >> 1));
        }

        return true;
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            throw new SqliteException($"Reading the results index's facets failed: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
        }
    }
}
