using System.Globalization;
using System.Text;
using Gas.Core.Jobs;
using Gas.Core.Storage;
using Gas.Core.VariantIndex;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Gas.RazorPages.Jobs;

/// <summary>
/// Streams the alleles a filter matches, never holding them all: TSV from the index, one row per allele; or VCF, the
/// annotated file's full header and every record with at least one matching allele, read from the results as they were written.
/// </summary>
public sealed class VariantDownload(IndexLease lease, AnnotationJob job, VariantFilter filter, VariantSort sort, string format, IObjectStore objects) : IActionResult
{
    public static readonly string[] TsvColumns =
    [
        "Chrom", "Pos", "ID", "Ref", "Alt", "Qual", "Filter", "Func.refGene", "Gene.refGene", "GeneDetail.refGene", "ExonicFunc.refGene",
        "AAChange.refGene", "cytoBand", "GWAS_trait", "Build_check",
    ];

    public async Task ExecuteResultAsync(ActionContext context)
    {
        using var _ = lease;
        var response = context.HttpContext.Response;
        var ct = context.HttpContext.RequestAborted;
        var fileName = VariantTableQuery.FileName(job.InputFileName, filter, format);
        response.ContentType = format == "vcf" ? "text/vcf; charset=utf-8" : "text/tab-separated-values; charset=utf-8";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName, FileNameStar = fileName }.ToString();
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        if (format == "vcf")
        {
            await WriteVcfAsync(writer, ct);
        }
        else
        {
            await WriteTsvAsync(writer, ct);
        }
    }

    private async Task WriteTsvAsync(StreamWriter writer, CancellationToken ct)
    {
        await writer.WriteLineAsync(string.Join('\t', TsvColumns));
        var n = 0;
        foreach (var row in lease.Index.Rows(filter, sort))
        {
            string?[] values =
            [
                row.Chrom, row.Pos.ToString(CultureInfo.InvariantCulture), row.Id ?? ".", row.Ref, row.Alt,
                row.Qual?.ToString(CultureInfo.InvariantCulture) ?? ".", row.Filter, row.Func, row.Gene, row.GeneDetail, row.ExonicFunc,
                row.AAChange, row.CytoBand, row.GwasTrait, row.BuildCheck,
            ];
            await writer.WriteLineAsync(string.Join('\t', values.Select(v => string.IsNullOrEmpty(v) ? "." : Clean(v))));
            if (++n % 4096 == 0)
            {
                await writer.FlushAsync(ct);
            }
        }
    }

    private async Task WriteVcfAsync(StreamWriter writer, CancellationToken ct)
    {
        var matching = lease.Index.MatchingRecords(filter);
        await using var vcf = await objects.OpenReadAsync(job.ResultsBucket!, job.ResultKey!, ct);
        using var reader = new StreamReader(vcf, Encoding.UTF8, false, 1 << 16);
        var record = 0;
        var written = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                await writer.WriteLineAsync(line);
                continue;
            }

            if (record < matching.Length && matching[record])
            {
                await writer.WriteLineAsync(line);
                if (++written % 4096 == 0)
                {
                    await writer.FlushAsync(ct);
                }
            }

            record++;
        }
    }

    private static string Clean(string value) => value.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}
