using System.Net;
using Gas.Core.Embedded;
using Gas.Core.Storage;

namespace Gas.RazorPages.EmbeddedStore;

/// <summary>
/// The embedded object store's HTTP face (<c>/_store</c>): presigned downloads and browser POST uploads, answered the way
/// S3 answers them. It lives in the web project so Gas.Core stays free of ASP.NET; the rules are Gas.Core's.
/// </summary>
public static class EmbeddedStoreEndpoints
{
    public static IEndpointRouteBuilder MapEmbeddedObjectStore(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(FolderObjectStore.RoutePrefix + "/{bucket}/{**key}", DownloadAsync).AllowAnonymous();
        endpoints.MapPost(FolderObjectStore.RoutePrefix + "/{bucket}", BrowserUploadEndpoint.HandleAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(
        string bucket, string key, long expires, string filename, string signature, FolderObjectStore store, CancellationToken ct)
    {
        if (store.CheckDownload(bucket, key, expires, filename, signature) is { } refusal)
        {
            return Error(refusal);
        }

        try
        {
            var stream = await store.OpenReadAsync(bucket, key, ct);
            return Results.File(stream, "application/octet-stream", filename);
        }
        catch (Exception e) when (e is ObjectNotFoundException or ArgumentException)
        {
            return Error(new StoreRefusal(HttpStatusCode.NotFound, "NoSuchKey", "The specified key does not exist."));
        }
    }

    /// <summary>An S3-style XML error document.</summary>
    internal static IResult Error(StoreRefusal refusal) =>
        Results.Content(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{refusal.Code}</Code><Message>{WebUtility.HtmlEncode(refusal.Message)}</Message></Error>",
            "application/xml", statusCode: (int)refusal.Status);
}
