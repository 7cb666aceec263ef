using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gas.Core.VariantIndex;

/// <summary>
/// The <c>facets</c> table: every facet with its allele count, <see cref="ChunkFacets"/> to a blob, chunk k holding the
/// facets with ids from <c>k * ChunkFacets</c> on, each as <see cref="StoredFacet"/> (little-endian). A million alleles make
/// ~200,000 facets: a few dozen blobs are written and read in milliseconds, where as many SQLite rows took a tenth of a
/// second each way.
/// </summary>
internal static class FacetTable
{
    public const int ChunkFacets = 1 << 13;

    /// <summary>
    /// Takes facets as the writer meets them, each with its final count (a batch's facets are never merged with later
    /// ones), and writes each full chunk at once: the index thread never holds the job's facets, only one chunk.
    /// </summary>
    internal sealed class Writer(SqliteConnection connection) : IDisposable
    {
        private readonly RawStatement _insert = new(connection, "INSERT INTO facets(id, data) VALUES (?1, ?2)");
        private readonly StoredFacet[] _chunk = new StoredFacet[ChunkFacets];
        private int _inChunk;
        private int _chunks;

        /// <summary>The facet's id.</summary>
        public int Add(in Facet f, long n)
        {
            _chunk[_inChunk++] = new StoredFacet(f.Chrom, f.Filter, f.Func, f.Genes, f.ExonicFunc, f.CytoBand, f.Gwas, f.BuildCheck, f.Known ? 1 : 0, n);
            var id = _chunks * ChunkFacets + _inChunk - 1;
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
                _insert.Bind(1, _chunks++).Bind(2, MemoryMarshal.AsBytes(_chunk.AsSpan(0, _inChunk))).Run();
                _inChunk = 0;
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
                var blob = raw.sqlite3_column_blob(statement, 1);
                if (raw.sqlite3_column_int64(statement, 0) != facets.Count / ChunkFacets || facets.Count % ChunkFacets != 0
                    || blob.Length % Marshal.SizeOf<StoredFacet>() != 0)
                {
                    throw new InvalidDataException($"The results index's facets are damaged at chunk {raw.sqlite3_column_int64(statement, 0)}.");
                }

                foreach (var f in MemoryMarshal.Cast<byte, StoredFacet>(blob))
                {
                    facets.Add(new Facet(f.Chrom, f.Filter, f.Func, f.Genes, f.ExonicFunc, f.CytoBand, f.Gwas, f.BuildCheck, f.Known != 0));
                    counts.Add(f.N);
                }
            }

            Check(db, rc);
        }

        return ([.. facets], [.. counts]);
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            throw new SqliteException($"Reading the results index's facets failed: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc);
        }
    }

    /// <summary>A facet as stored: its label ids, known as 0 or 1, and its allele count; 44 bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly record struct StoredFacet(
        int Chrom, int Filter, int Func, int Genes, int ExonicFunc, int CytoBand, int Gwas, int BuildCheck, int Known, long N);
}
