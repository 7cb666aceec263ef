using System.Net.Http.Headers;
using Gas.Cli.Api;

namespace Gas.Cli.Upload;

/// <summary>
/// Posts a file to the object store with the API's presigned form, as a browser would: every field of the form first,
/// then the file as the last part, named <c>file</c>. The token never goes to the store. Any 2xx means stored.
/// </summary>
public sealed class StoreUploader(HttpClient store)
{
    public async Task UploadAsync(UploadForm form, FileInfo file, IProgress<long> progress, CancellationToken ct)
    {
        using var body = new MultipartFormDataContent();
        foreach (var (name, value) in form.Fields)
        {
            var field = new StringContent(value);
            field.Headers.ContentType = null;
            field.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quote(name) };
            body.Add(field);
        }

        var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var content = new ProgressStreamContent(stream, file.Length, progress);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        // name and filename only: S3 reads no filename*, and some stores refuse a part that has one
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quote("file"), FileName = Quote(file.Name) };
        body.Add(content);

        using var request = new HttpRequestMessage(HttpMethod.Post, form.Url) { Content = body };
        HttpResponseMessage response;
        try
        {
            response = await store.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw new CliException(ExitCodes.Error, $"upload of {file.Name} to {form.Url.GetLeftPart(UriPartial.Path)} failed: {e.Message}");
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var text = await response.Content.ReadAsStringAsync(ct);
            var message = ErrorMessages.Format(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
            throw new CliException(ExitCodes.Error, $"the store refused the upload of {file.Name}: {message}");
        }
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
