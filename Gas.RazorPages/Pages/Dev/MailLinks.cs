using MimeKit.Text;

namespace Gas.RazorPages.Pages.Dev;

/// <summary>
/// The links of an email's HTML part, for the mailbox page: it shows the text part escaped and these links beside it
/// instead of rendering the HTML, so nothing in a message can run or style the page. Only absolute http(s) links count.
/// </summary>
public static class MailLinks
{
    public static IReadOnlyList<(Uri Href, string Text)> From(string? html)
    {
        var links = new List<(Uri, string)>();
        if (string.IsNullOrEmpty(html))
        {
            return links;
        }

        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader);
        Uri? open = null;
        var text = new System.Text.StringBuilder();
        while (tokenizer.ReadNextToken(out var token))
        {
            if (token is HtmlTagToken { Id: HtmlTagId.A } tag)
            {
                if (!tag.IsEndTag)
                {
                    var href = tag.Attributes.FirstOrDefault(a => a.Id == HtmlAttributeId.Href)?.Value;
                    open = Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
                    text.Clear();
                }
                else if (open is not null)
                {
                    links.Add((open, text.Length == 0 ? open.ToString() : text.ToString().Trim()));
                    open = null;
                }
            }
            else if (open is not null && token is HtmlDataToken data)
            {
                text.Append(data.Data);
            }
        }

        return links;
    }
}
