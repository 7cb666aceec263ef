using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gas.Core.VariantIndex;

/// <summary>
/// The <c>facets</c> table: every facet with its allele count, <see cref="ChunkFacets"/> to a blob, chunk k holding the
/// facets with ids from <c>k * ChunkFacets</c> on, each as <see cref="StoredFacet"/> (little-endian). A million alleles make
/// ~200,000 facets: a few blobs are written and read in milliseconds, where as many SQLite rows took a tenth of a second
/// each way.
/// </summary>
internal static class FacetTable
{
    public const int ChunkFacets = 1 << 16;

    public static void Write(SqliteConnection connection, ReadOnlySpan<Facet> facets, ReadOnlySpan<long> counts)
    {
        using var insert = new RawStatement(connection, "INSERT INTO facets(id, data) VALUES (?1, ?2)");
        var chunk = new StoredFacet[Math.Min(ChunkFacets, facets.Length)];
        for (var first = 0; first < facets.Length; first += ChunkFacets)
        {
            var n = Math.Min(ChunkFacets, facets.Length - first);
            for (var i = 0; i < n; i++)
            {
                var f = facets[first + i];
                chunk[i] = new StoredFacet(f.Chrom, f.Filter, f.Func, f.Genes, f.ExonicFunc, f.CytoBand, f.Gwas, f.BuildCheck, f.Known ? 1 : 0, counts[first + i]);
            }

            insert.Bind(1, first / ChunkFacets).Bind(2, MemoryMarshal.AsBytes(chunk.AsSpan(0, n))).Run();
        }
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
