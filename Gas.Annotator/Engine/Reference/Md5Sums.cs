using System.Net;
using System.Security.Cryptography;

namespace Gas.Annotator.Engine.Reference;

/// <summary>
/// A download folder's <c>md5sum.txt</c> as UCSC publishes it (<c>&lt;md5&gt;  &lt;file name&gt;</c> per line, as <c>md5sum</c>
/// prints): the checksum each fetched file must match. A folder without one (404) is not an error: its files are then checked
/// by format only, and the log says so.
/// </summary>
public sealed class Md5Sums
{
    public const string FileName = "md5sum.txt";

    private readonly Dictionary<string, string> _sums;

    private Md5Sums(Dictionary<string, string> sums) => _sums = sums;

    /// <summary>The expected md5 (lower-case hex) of <paramref name="fileName"/>, or null when the list does not name it.</summary>
    public string? For(string fileName) => _sums.GetValueOrDefault(fileName);

    /// <summary>The md5 of a stream as <c>md5sum</c> prints it (lower-case hex).</summary>
    public static async Task<string> HashAsync(Stream content, CancellationToken ct = default)
    {
#pragma warning disable CA5351 // UCSC publishes md5 sums: an integrity check against corruption, not a security boundary
        return Convert.ToHexStringLower(await MD5.HashDataAsync(content, ct));
#pragma warning restore CA5351
    }

    public static Md5Sums Parse(string text)
    {
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0].Length == 32)
            {
                // md5sum marks binary mode with '*' before the name; folders may list paths ("./hg19.2bit")
                sums[Path.GetFileName(parts[1].TrimStart('*'))] = parts[0].ToLowerInvariant();
            }
        }

        return new Md5Sums(sums);
    }

    /// <summary>The <c>md5sum.txt</c> beside <paramref name="file"/>, or null when its folder publishes none.</summary>
    public static async Task<Md5Sums?> LoadBesideAsync(HttpClient http, Uri file, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(file, FileName), ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{new Uri(file, FileName)} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        return Parse(await response.Content.ReadAsStringAsync(ct));
    }
}
