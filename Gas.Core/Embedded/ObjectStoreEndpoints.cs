using System.Net;
using Gas.Core.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gas.Core.Embedded;

/// <summary>
/// The embedded object store's HTTP face: presigned downloads and browser POST uploads, checked the way S3 checks them
/// (signature, expiry, bucket, key prefix, content-length-range), so a size cap holds even without the page's JavaScript.
/// </summary>
public static class ObjectStoreEndpoints
{
    public static IEndpointRouteBuilder MapEmbeddedObjectStore(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(FolderObjectStore.RoutePrefix + "/{bucket}/{**key}", DownloadAsync).AllowAnonymous();
        endpoints.MapPost(FolderObjectStore.RoutePrefix + "/{bucket}", UploadAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(
        string bucket, string key, long expires, string filename, string signature,
        FolderObjectStore store, UrlSigner signer, TimeProvider time, CancellationToken ct)
    {
        if (!signer.Verify(FolderObjectStore.DownloadPayload(bucket, key, expires, filename), signature))
        {
            return StoreError(HttpStatusCode.Forbidden, "SignatureDoesNotMatch", "The request signature is not valid.");
        }

        if (time.GetUtcNow().ToUnixTimeSeconds() > expires)
        {
            return StoreError(HttpStatusCode.Forbidden, "AccessDenied", "Request has expired.");
        }

        try
        {
            var stream = await store.OpenReadAsync(bucket, key, ct);
            return Results.File(stream, "application/octet-stream", filename);
        }
        catch (Storage.ObjectNotFoundException)
        {
            return StoreError(HttpStatusCode.NotFound, "NoSuchKey", "The specified key does not exist.");
        }
    }

    private static async Task<IResult> UploadAsync(
        string bucket, HttpContext context, FolderObjectStore store, UrlSigner signer, TimeProvider time,
        IOptions<RetentionOptions> retention, CancellationToken ct)
    {
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            // The policy's own limit is checked while streaming; this is the absolute ceiling for any upload.
            sizeFeature.MaxRequestBodySize = retention.Value.PremiumMaxInputBytes + (1 << 20);
        }

        var boundary = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
                ? HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
                : null;
        if (string.IsNullOrEmpty(boundary))
        {
            return StoreError(HttpStatusCode.BadRequest, "InvalidArgument", "Uploads must be multipart/form-data.");
        }

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var reader = new MultipartReader(boundary, context.Request.Body);
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (!disposition.IsFileDisposition())
            {
                using var text = new StreamReader(section.Body);
                fields[name] = await text.ReadToEndAsync(ct);
                continue;
            }

            if (name != "file")
            {
                continue;
            }

            var policyText = fields.GetValueOrDefault("policy");
            if (policyText is null || !signer.Verify(policyText, fields.GetValueOrDefault("signature")))
            {
                return StoreError(HttpStatusCode.Forbidden, "AccessDenied", "Invalid or missing policy signature.");
            }

            var policy = UploadPolicyDocument.Decode(policyText);
            if (policy is null)
            {
                return StoreError(HttpStatusCode.BadRequest, "InvalidPolicyDocument", "The policy is not valid.");
            }

            if (time.GetUtcNow().ToUnixTimeSeconds() > policy.Expires)
            {
                return StoreError(HttpStatusCode.Forbidden, "AccessDenied", "Invalid according to Policy: Policy expired.");
            }

            var fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "");
            var key = (fields.GetValueOrDefault("key") ?? "").Replace("${filename}", fileName, StringComparison.Ordinal);
            if (policy.Bucket != bucket || !key.StartsWith(policy.KeyPrefix, StringComparison.Ordinal) || key.Length == policy.KeyPrefix.Length)
            {
                return StoreError(HttpStatusCode.Forbidden, "AccessDenied", "Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\"].");
            }

            var redirect = fields.GetValueOrDefault("success_action_redirect");
            if (!Storage.UploadPolicy.Allows(redirect, policy.SuccessRedirect, policy.SuccessRedirectPrefix))
            {
                return StoreError(HttpStatusCode.Forbidden, "AccessDenied", "Invalid according to Policy: Policy Condition failed: success_action_redirect.");
            }

            string path;
            try
            {
                path = store.PathOf(bucket, key);
            }
            catch (ArgumentException)
            {
                return StoreError(HttpStatusCode.BadRequest, "InvalidArgument", "The object key is not valid.");
            }

            var written = await CopyWithinLimitAsync(section.Body, path, policy.MaxBytes, ct);
            if (written is null)
            {
                return StoreError(HttpStatusCode.BadRequest, "EntityTooLarge",
                    $"Your proposed upload exceeds the maximum allowed size of {policy.MaxBytes} bytes.");
            }

            var head = await store.HeadAsync(bucket, key, ct);
            var location = QueryHelpers.AddQueryString(redirect!, new Dictionary<string, string?>
            {
                ["bucket"] = bucket,
                ["key"] = key,
                ["etag"] = "\"" + head!.ETag + "\"",
            });
            return Results.Redirect(location, permanent: false, preserveMethod: false);
        }

        return StoreError(HttpStatusCode.BadRequest, "InvalidArgument", "POST requires exactly one file upload per request (field 'file').");
    }

    /// <summary>Streams to a temporary file and keeps it only when it fits; null when over the limit.</summary>
    private static async Task<long?> CopyWithinLimitAsync(Stream source, string path, long maxBytes, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".part";
        long total = 0;
        try
        {
            await using (var file = File.Create(temp))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await source.ReadAsync(buffer, ct)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        return null;
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }

            File.Move(temp, path, overwrite: true);
            return total;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static IResult StoreError(HttpStatusCode status, string code, string message) =>
        Results.Content(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{WebUtility.HtmlEncode(message)}</Message></Error>",
            "application/xml", statusCode: (int)status);
}
