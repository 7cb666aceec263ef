using System.Net;
using System.Text;
using System.Xml.Linq;
using Gas.Core.Configuration;
using Gas.Core.Embedded;
using Gas.Core.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gas.RazorPages.EmbeddedStore;

/// <summary>
/// <c>POST /_store/{bucket}</c>, read section by section as S3 reads a browser upload: the small fields come first, each
/// capped; the policy's signature is checked as soon as policy and signature have arrived; only then may the file (the
/// last field, "file") flow, streamed to disk within the policy's content-length-range. An anonymous sender can make the
/// server read at most <see cref="FieldsBudget"/> bytes.
/// </summary>
public static class BrowserUploadEndpoint
{
    /// <summary>Largest value of a non-file field (a policy is a few hundred bytes).</summary>
    public const int MaxFieldBytes = 8 * 1024;

    /// <summary>Most fields a form may have (ours has four, S3's about ten).</summary>
    public const int MaxFields = 16;

    /// <summary>What may be read before the policy is verified: every field at its cap plus its part headers.</summary>
    public const long FieldsBudget = MaxFields * (MaxFieldBytes + 1024L);

    private const int MaxHeaderBytes = 1024;

    public static async Task<IResult> HandleAsync(
        string bucket, HttpContext context, BrowserUploads uploads, IOptions<RetentionOptions> retention, CancellationToken ct)
    {
        // Kestrel's ceiling for this endpoint only; the bounded body below enforces what the policy allows.
        var ceiling = retention.Value.PremiumMaxInputBytes + FieldsBudget;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = ceiling;
        }

        var boundary = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
                ? HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
                : null;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            return Refuse(context, HttpStatusCode.BadRequest, "InvalidArgument", "Uploads must be multipart/form-data.");
        }

        var body = new BoundedReadStream(context.Request.Body, FieldsBudget);
        try
        {
            return await ReadFormAsync(bucket, context, body, boundary, uploads, ct);
        }
        catch (UploadBudgetExceededException)
        {
            return Refuse(context, HttpStatusCode.BadRequest, "MaxPostPreDataLengthExceeded",
                "Your POST request fields preceding the upload file were too large.");
        }
        catch (InvalidDataException)
        {
            return Refuse(context, HttpStatusCode.BadRequest, "MalformedPOSTRequest",
                "The body of your POST request is not well-formed multipart/form-data.");
        }
    }

    private static async Task<IResult> ReadFormAsync(
        string bucket, HttpContext context, BoundedReadStream body, string boundary, BrowserUploads uploads, CancellationToken ct)
    {
        var reader = new MultipartReader(boundary, body) { HeadersCountLimit = 4, HeadersLengthLimit = MaxHeaderBytes };
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        UploadPolicyDocument? policy = null;
        var sections = 0;
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
        {
            if (++sections > MaxFields)
            {
                return Refuse(context, HttpStatusCode.BadRequest, "InvalidArgument", $"A POST upload may have at most {MaxFields} fields.");
            }

            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                return Refuse(context, HttpStatusCode.BadRequest, "MalformedPOSTRequest", "Every part needs a form-data Content-Disposition.");
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (!disposition.IsFileDisposition())
            {
                if (await ReadFieldAsync(section.Body, ct) is not { } value)
                {
                    return Refuse(context, HttpStatusCode.BadRequest, "MaxPostPreDataLengthExceeded",
                        $"Your POST request fields preceding the upload file were too large (at most {MaxFieldBytes} bytes each).");
                }

                fields[name] = value;
                if (policy is null && fields.TryGetValue("policy", out var encoded) && fields.TryGetValue("signature", out var signature))
                {
                    var (checkedPolicy, refusal) = uploads.CheckPolicy(bucket, encoded, signature);
                    if (refusal is not null)
                    {
                        return Refuse(context, refusal);
                    }

                    policy = checkedPolicy;
                }

                continue;
            }

            if (name != "file")
            {
                return Refuse(context, HttpStatusCode.BadRequest, "InvalidArgument", "POST requires exactly one file upload per request (field 'file').");
            }

            if (policy is null)
            {
                return Refuse(context, HttpStatusCode.Forbidden, "AccessDenied", "Invalid or missing policy signature.");
            }

            return await ReceiveFileAsync(context, body, section, disposition, fields, policy, uploads, ct);
        }

        return Refuse(context, HttpStatusCode.BadRequest, "InvalidArgument", "POST requires exactly one file upload per request (field 'file').");
    }

    private static async Task<IResult> ReceiveFileAsync(
        HttpContext context, BoundedReadStream body, MultipartSection section, ContentDispositionHeaderValue disposition,
        Dictionary<string, string> fields, UploadPolicyDocument policy, BrowserUploads uploads, CancellationToken ct)
    {
        // The policy is known: the file may now flow, up to its content-length-range (plus the form's closing boundary).
        var allowed = body.BytesRead + policy.MaxBytes + MaxHeaderBytes;
        if (context.Request.ContentLength > allowed + FieldsBudget)
        {
            return Refuse(context, TooLarge(policy));
        }

        body.Allow(allowed);
        var fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "");
        var key = (fields.GetValueOrDefault("key") ?? "").Replace("${filename}", fileName, StringComparison.Ordinal);
        var redirect = fields.GetValueOrDefault("success_action_redirect");
        var (stored, refusal) = await uploads.ReceiveAsync(policy, key, redirect, fields.GetValueOrDefault("success_action_status"), section.Body, ct);
        if (refusal is not null)
        {
            return Refuse(context, refusal);
        }

        if (policy.SuccessActionStatus is { } status)
        {
            return Stored(context, stored!, status);
        }

        // the posted redirect, which the policy has allowed: the policy's own, or one under its prefix (the form's genome build)
        var location = QueryHelpers.AddQueryString(redirect!, new Dictionary<string, string?>
        {
            ["bucket"] = stored!.Bucket,
            ["key"] = stored.Key,
            ["etag"] = "\"" + stored.ETag + "\"",
        });
        return Results.Redirect(location, permanent: false, preserveMethod: false);
    }

    /// <summary>
    /// A program's upload, answered as S3 answers <c>success_action_status</c>: 201 with a <c>PostResponse</c> document
    /// (location, bucket, key, ETag), 200 or 204 with no body; the ETag header either way.
    /// </summary>
    private static IResult Stored(HttpContext context, StoredObject stored, int status)
    {
        context.Response.Headers.ETag = "\"" + stored.ETag + "\"";
        var location = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{FolderObjectStore.RoutePrefix}/"
            + Uri.EscapeDataString(stored.Bucket) + "/" + string.Join('/', stored.Key.Split('/').Select(Uri.EscapeDataString));
        context.Response.Headers.Location = location;
        if (status != StatusCodes.Status201Created)
        {
            return Results.StatusCode(status);
        }

        var document = new XDocument(new XElement("PostResponse",
            new XElement("Location", location),
            new XElement("Bucket", stored.Bucket),
            new XElement("Key", stored.Key),
            new XElement("ETag", "\"" + stored.ETag + "\"")));
        return Results.Text(document.ToString(SaveOptions.DisableFormatting), "application/xml", Encoding.UTF8, StatusCodes.Status201Created);
    }

    /// <summary>A field's value, or null when it is longer than <see cref="MaxFieldBytes"/>; never reads past the cap.</summary>
    private static async Task<string?> ReadFieldAsync(Stream section, CancellationToken ct)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await section.ReadAsync(buffer.AsMemory(length), ct)) > 0)
        {
            length += read;
        }

        return length > MaxFieldBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static StoreRefusal TooLarge(UploadPolicyDocument policy) =>
        new(HttpStatusCode.BadRequest, "EntityTooLarge", $"Your proposed upload exceeds the maximum allowed size of {policy.MaxBytes} bytes.");

    private static IResult Refuse(HttpContext context, HttpStatusCode status, string code, string message) =>
        Refuse(context, new StoreRefusal(status, code, message));

    /// <summary>The refusal, on a connection that then closes: the rest of a refused body is not worth reading.</summary>
    private static IResult Refuse(HttpContext context, StoreRefusal refusal)
    {
        context.Response.Headers.Connection = "close";
        // A browser posting the form without script gets a page that explains the limit, not the store's XML (S3 shows XML).
        if (refusal.Code == "EntityTooLarge" && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
        {
            return Results.Redirect(TooLargePage, permanent: false, preserveMethod: false);
        }

        return EmbeddedStoreEndpoints.Error(refusal);
    }

    /// <summary>The GAS page an oversize browser upload is sent to.</summary>
    public const string TooLargePage = "/annotate/too-large";
}
