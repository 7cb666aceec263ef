using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Gas.Core.Email;

/// <summary>
/// The HTML part of a plain-text email: each blank-line-separated paragraph a <c>&lt;p&gt;</c>, everything encoded,
/// and every http(s) address a working link. One text makes both parts, so they never say different things.
/// </summary>
public static partial class EmailHtml
{
    public static string FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var html = new StringBuilder();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            html.Append("<p>");
            var at = 0;
            foreach (Match link in LinkPattern().Matches(paragraph))
            {
                html.Append(Encode(paragraph[at..link.Index]));
                var href = WebUtility.HtmlEncode(link.Value);
                html.Append("<a href=\"").Append(href).Append("\">").Append(href).Append("</a>");
                at = link.Index + link.Length;
            }

            html.Append(Encode(paragraph[at..])).Append("</p>\n");
        }

        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br>\n", StringComparison.Ordinal);

    /// <summary>An absolute http(s) address, without a sentence's closing punctuation.</summary>
    [GeneratedRegex(@"https?://[^\s<>""]+[^\s<>"".,;:!?)]")]
    private static partial Regex LinkPattern();
}
