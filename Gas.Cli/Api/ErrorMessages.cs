using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Gas.Cli.Api;

/// <summary>
/// One line for standard error from a refused HTTP response: the API's RFC 9457 Problem Details (title, detail, and what
/// else it says, such as an upgrade hint or validation errors), an object store's XML error (S3's Code and Message), or
/// the status and a short text body.
/// </summary>
public static class ErrorMessages
{
    private const int MaxTextBody = 200;

    private static readonly HashSet<string> _problemBasics = new(StringComparer.OrdinalIgnoreCase) { "type", "title", "status", "detail", "instance", "traceId" };

    /// <summary>The line for a response with <paramref name="status"/> and this body.</summary>
    public static string Format(HttpStatusCode status, string? contentType, string body)
    {
        var code = (int)status;
        if (status == HttpStatusCode.Unauthorized)
        {
            // the API answers a missing, unknown, revoked or expired token alike, so as not to tell which tokens exist
            return $"{code}: token revoked or expired (set GAS_TOKEN)";
        }

        var text = FromProblem(contentType, body) ?? FromStoreXml(body) ?? FromText(contentType, body) ?? Reason(status);
        return OneLine($"{code}: {text}");
    }

    /// <summary>"Title: detail (hint)" from a Problem Details body, or null when the body is not one.</summary>
    internal static string? FromProblem(string? contentType, string body)
    {
        if (contentType is null || !contentType.Contains("json", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var title = String(root, "title");
            var detail = String(root, "detail");
            if (title is null && detail is null)
            {
                return null;
            }

            var line = new StringBuilder(title ?? "");
            if (detail is not null && detail != title)
            {
                line.Append(line.Length > 0 ? ": " : "").Append(detail);
            }

            foreach (var extra in root.EnumerateObject().Where(p => !_problemBasics.Contains(p.Name)))
            {
                AppendExtension(line, extra);
            }

            return line.ToString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>"Code: Message" from an S3-style <c>&lt;Error&gt;</c> document, or null when the body is not one.</summary>
    internal static string? FromStoreXml(string body)
    {
        if (!body.TrimStart().StartsWith('<'))
        {
            return null;
        }

        try
        {
            var root = XDocument.Parse(body).Root;
            if (root?.Name.LocalName != "Error")
            {
                return null;
            }

            var code = root.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
            var message = root.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value;
            return (code, message) switch
            {
                (null, null) => null,
                (null, _) => message,
                (_, null) => code,
                _ => $"{code}: {message}",
            };
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static string? FromText(string? contentType, string body)
    {
        var trimmed = body.Trim();
        if (trimmed.Length == 0 || (contentType is not null && !contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return trimmed.Length <= MaxTextBody ? trimmed : trimmed[..MaxTextBody] + "…";
    }

    private static void AppendExtension(StringBuilder line, JsonProperty extra)
    {
        switch (extra.Value.ValueKind)
        {
            case JsonValueKind.String:
                line.Append(" (").Append(extra.Name).Append(": ").Append(extra.Value.GetString()).Append(')');
                break;
            case JsonValueKind.Object when extra.Name.Equals("errors", StringComparison.OrdinalIgnoreCase):
                // ASP.NET Core's validation problem: { "errors": { "field": ["message", ...] } }
                foreach (var field in extra.Value.EnumerateObject())
                {
                    var messages = field.Value.ValueKind == JsonValueKind.Array
                        ? string.Join("; ", field.Value.EnumerateArray().Select(m => m.ToString()))
                        : field.Value.ToString();
                    line.Append(line.Length > 0 ? "; " : "").Append(field.Name).Append(": ").Append(messages);
                }

                break;
            default:
                break;
        }
    }

    private static string? String(JsonElement root, string name)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                var value = property.Value.GetString();
                return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            }
        }

        return null;
    }

    private static string Reason(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Forbidden => "forbidden",
        HttpStatusCode.NotFound => "not found",
        HttpStatusCode.Conflict => "conflict",
        HttpStatusCode.TooManyRequests => "too many requests",
        _ => Enum.IsDefined(status) ? status.ToString() : "HTTP error",
    };

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
