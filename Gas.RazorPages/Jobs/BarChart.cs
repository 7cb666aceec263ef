using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Gas.Core.VariantIndex;

namespace Gas.RazorPages.Jobs;

/// <summary>
/// A horizontal bar chart drawn on the server as SVG: one row per label with its count written out, so it reads without
/// JavaScript, with a screen reader (title, role=img, aria-label) and at any width (viewBox, width 100%).
/// </summary>
public sealed class BarChart
{
    public const int Width = 420;
    public const int RowHeight = 22;
    public const int LabelWidth = 150;
    public const int CountWidth = 70;
    private const int MaxLabelChars = 22;

    public BarChart(string title, IEnumerable<LabelCount> counts, Func<string, string?>? link = null, Func<string, string>? display = null)
    {
        Title = title;
        var list = counts.ToList();
        var max = Math.Max(1, list.Count == 0 ? 1 : list.Max(c => c.Count));
        Bars = [.. list.Select((c, i) =>
        {
            var label = display?.Invoke(c.Label) ?? (c.Label.Length == 0 ? "(none)" : c.Label);
            return new Bar(
                label.Length > MaxLabelChars ? label[..(MaxLabelChars - 1)] + "…" : label,
                label,
                c.Count.ToString("N0", CultureInfo.InvariantCulture),
                i * RowHeight,
                Math.Max(2, (int)Math.Round((double)c.Count / max * (Width - LabelWidth - CountWidth))),
                link?.Invoke(c.Label));
        })];
    }

    public string Title { get; }
    public IReadOnlyList<Bar> Bars { get; }
    public int Height => Math.Max(1, Bars.Count) * RowHeight;

    /// <summary>The chart as a sentence, for its aria-label.</summary>
    public string Description => Title + ": " + string.Join(", ", Bars.Select(b => $"{b.FullLabel} {b.Count}"));

    /// <summary>The chart as inline SVG markup, every text HTML-encoded; a bar with a link is wrapped in it.</summary>
    public string ToSvg()
    {
        var e = HtmlEncoder.Default;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"bars\" role=\"img\" aria-label=\"{e.Encode(Description)}\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{e.Encode(Description)}</title>");
        foreach (var bar in Bars)
        {
            if (bar.Link is not null)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<a href=\"{e.Encode(bar.Link)}\">");
            }

            svg.Append(CultureInfo.InvariantCulture,
                $"<g class=\"bar\"><title>{e.Encode(bar.FullLabel)}: {bar.Count}</title>" +
                $"<text x=\"0\" y=\"{bar.Y + 15}\" class=\"bar-label\">{e.Encode(bar.Label)}</text>" +
                $"<rect x=\"{LabelWidth}\" y=\"{bar.Y + 4}\" width=\"{bar.Length}\" height=\"{RowHeight - 8}\" rx=\"2\"></rect>" +
                $"<text x=\"{LabelWidth + bar.Length + 6}\" y=\"{bar.Y + 15}\" class=\"bar-count\">{bar.Count}</text></g>");
            if (bar.Link is not null)
            {
                svg.Append("</a>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>One bar: its shortened and full label, count, top edge, length and (optionally) the filter it links to.</summary>
    public sealed record Bar(string Label, string FullLabel, string Count, int Y, int Length, string? Link);
}
