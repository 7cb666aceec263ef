using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;

namespace Gas.ClusterKill;

/// <summary>
/// One person using the site through the web tier. Requests alternate between the two web processes; one that fails
/// (refused, reset, timed out, 5xx: its process was killed) is sent again to the other, as a load balancer with health
/// checks would, until the phase's bound runs out. A step is repeated on its own, never the whole submission, so a
/// repeated step must be harmless — which is one of the things this run checks.
/// </summary>
public sealed partial class WebUser(Cluster cluster, IAmazonS3 s3, RunSettings run, string email) : IDisposable
{
    private const string Password = "Cluster-Velvet-Lantern-83";
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    private int _next;

    public string Email { get; } = email;

    /// <summary>Requests sent again because a web process did not answer.</summary>
    public int Retries { get; private set; }

    public async Task RegisterAndSignInAsync(CancellationToken ct)
    {
        await PostFormAsync("/Account/Register", new()
        {
            ["Input.Name"] = "Cluster User",
            ["Input.Email"] = Email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        }, ct);
        await PostFormAsync("/Account/Login", new() { ["Input.Email"] = Email, ["Input.Password"] = Password }, ct);
    }

    /// <summary>
    /// The upload form, the browser's direct upload to the store, and the store's redirect back that creates the job.
    /// fauxqs takes no browser POST uploads (it answers 200 and stores nothing), so the upload is a PutObject of the file
    /// under the form's key, as Gas.Tests' AwsThreeProcessFlow does; the form and the redirect are the web tier's own.
    /// </summary>
    public async Task<string> SubmitAsync(string fileName, byte[] content, CancellationToken ct)
    {
        var (action, fields) = await SendAsync("the upload form", web => new HttpRequestMessage(HttpMethod.Get, new Uri(web, "/annotate")),
            async response => response.StatusCode == HttpStatusCode.OK ? UploadForm(await response.Content.ReadAsStringAsync(ct)) : null, ct);
        var bucket = new Uri(action).AbsolutePath.Trim('/');
        var key = fields["key"].Replace("${filename}", fileName, StringComparison.Ordinal);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(content) }, ct);

        // S3 answers a successful POST with 303 to success_action_redirect?bucket=…&key=…&etag=…
        var target = new Uri(fields["success_action_redirect"]);
        var query = $"bucket={Uri.EscapeDataString(bucket)}&key={Uri.EscapeDataString(key)}&etag=%22cluster%22";
        var pathAndQuery = target.PathAndQuery + (string.IsNullOrEmpty(target.Query) ? "?" : "&") + query;
        return await SendAsync("the job created from the upload", web => new HttpRequestMessage(HttpMethod.Get, new Uri(web, pathAndQuery)),
            response => Task.FromResult(response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location?.OriginalString is { } location && location.StartsWith("/annotations/", StringComparison.Ordinal)
                    ? location["/annotations/".Length..]
                    : null), ct);
    }

    public void Dispose() => _http.Dispose();

    private async Task PostFormAsync(string path, Dictionary<string, string> fields, CancellationToken ct)
    {
        // The page and its post may reach different web processes: they share the data-protection key ring.
        await SendAsync($"POST {path}", async web =>
        {
            using var page = await _http.GetAsync(new Uri(web, path), ct);
            page.EnsureSuccessStatusCode();
            var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = Token(await page.Content.ReadAsStringAsync(ct)) };
            return new HttpRequestMessage(HttpMethod.Post, new Uri(web, path)) { Content = new FormUrlEncodedContent(values) };
        }, response => Task.FromResult(response.StatusCode == HttpStatusCode.Redirect ? "" : null), ct);
    }

    private Task<T> SendAsync<T>(string what, Func<Uri, HttpRequestMessage> request, Func<HttpResponseMessage, Task<T?>> accept, CancellationToken ct)
        where T : class =>
        SendAsync(what, web => Task.FromResult(request(web)), accept, ct);

    /// <summary>Sends until a web process answers acceptably; a 4xx or an unexpected answer is a finding, not a retry.</summary>
    private async Task<T> SendAsync<T>(string what, Func<Uri, Task<HttpRequestMessage>> request, Func<HttpResponseMessage, Task<T?>> accept, CancellationToken ct)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var web = cluster.Web[_next++ % cluster.Web.Count];
            string problem;
            try
            {
                using var message = await request(web);
                using var response = await _http.SendAsync(message, ct);
                if (await accept(response) is { } value)
                {
                    return value;
                }

                var body = await response.Content.ReadAsStringAsync(ct);
                if ((int)response.StatusCode < 500)
                {
                    throw new InvalidOperationException(
                        $"{Email}: {what} from {web} answered {(int)response.StatusCode} {response.Headers.Location}: {body[..Math.Min(body.Length, 400)]}");
                }

                problem = $"{(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                problem = e.GetType().Name;
            }

            Retries++;
            if (clock.Elapsed > run.PhaseBound)
            {
                throw new GaveUpException($"{Email}: {what} (last problem: {problem})", run.PhaseBound, cluster.Tails());
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }

    private static Form UploadForm(string html)
    {
        var action = WebUtility.HtmlDecode(FormActionPattern().Match(html).Groups[1].Value);
        var fields = HiddenFieldPattern().Matches(html)
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        // The redirect is the genome-build choice's value (a select, not a hidden field): the first choice, as a browser sends it.
        if (!fields.ContainsKey("success_action_redirect") && BuildChoicePattern().Match(html) is { Success: true } choice)
        {
            fields["success_action_redirect"] = WebUtility.HtmlDecode(choice.Groups[1].Value);
        }

        return new Form(action, fields);
    }

    private sealed record Form(string Action, Dictionary<string, string> Fields);

    private static string Token(string html) => TokenPattern().Match(html) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<form id=\"upload-form\" method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormActionPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenFieldPattern();

    [GeneratedRegex("<select id=\"upload-build\" name=\"success_action_redirect\">\\s*<option value=\"([^\"]+)\"")]
    private static partial Regex BuildChoicePattern();
}
