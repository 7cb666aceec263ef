using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Gas.Cli.Api;

/// <summary>
/// The GAS REST API (v1) with a personal access token. A 429 is retried after its <c>Retry-After</c>, a bounded number of
/// times, saying so on standard error; any other refusal becomes a <see cref="CliException"/> with a one-line message.
/// </summary>
public sealed class GasApiClient(HttpClient http, Uri baseUrl, string token, TextWriter status, RetryPolicy? retry = null)
{
    private readonly RetryPolicy _retry = retry ?? RetryPolicy.Default;

    public Uri BaseUrl { get; } = baseUrl;

    public async Task<UploadForm> CreateUploadAsync(string fileName, CancellationToken ct)
    {
        var (form, _) = await SendJsonAsync(HttpMethod.Post, "api/v1/jobs/uploads",
            JsonContent.Create(new UploadRequest(fileName), ApiJson.Default.UploadRequest), ApiJson.Default.UploadForm, ct);
        return form;
    }

    public async Task<Job> CreateJobAsync(NewJob job, CancellationToken ct)
    {
        var (created, _) = await SendJsonAsync(HttpMethod.Post, "api/v1/jobs", JsonContent.Create(job, ApiJson.Default.NewJob), ApiJson.Default.Job, ct);
        return created;
    }

    /// <summary>The job and the API's JSON for it, as received.</summary>
    public Task<(Job Job, string Json)> GetJobAsync(string id, CancellationToken ct) =>
        SendJsonAsync(HttpMethod.Get, $"api/v1/jobs/{Uri.EscapeDataString(id)}", null, ApiJson.Default.Job, ct);

    /// <summary>One page of the user's jobs, newest first, and the API's JSON for it.</summary>
    public Task<(JobPage Page, string Json)> ListJobsAsync(int page, int pageSize, string? search, CancellationToken ct)
    {
        var query = $"api/v1/jobs?page={page}&pageSize={pageSize}";
        if (!string.IsNullOrEmpty(search))
        {
            query += "&q=" + Uri.EscapeDataString(search);
        }

        return SendJsonAsync(HttpMethod.Get, query, null, ApiJson.Default.JobPage, ct);
    }

    /// <summary>
    /// Follows <c>/results</c> or <c>/log</c> to its signed URL (the handler drops the token on the redirect, so the
    /// store never sees it) and returns the open response, whose body the caller streams.
    /// </summary>
    public async Task<HttpResponseMessage> OpenDownloadAsync(string id, string what, CancellationToken ct)
    {
        var response = await SendAsync(() => Request(HttpMethod.Get, $"api/v1/jobs/{Uri.EscapeDataString(id)}/{what}", null), ct);
        await EnsureSuccessAsync(response, ct);
        return response;
    }

    private async Task<(T Value, string Json)> SendJsonAsync<T>(
        HttpMethod method, string path, HttpContent? body, JsonTypeInfo<T> type, CancellationToken ct)
    {
        // the body is read once per attempt, so it is buffered up front (these bodies are a few hundred bytes)
        var bytes = body is null ? null : await body.ReadAsByteArrayAsync(ct);
        var mediaType = body?.Headers.ContentType;
        using var response = await SendAsync(() => Request(method, path, bytes is null ? null : Content(bytes, mediaType)), ct);
        await EnsureSuccessAsync(response, ct);
        var json = await response.Content.ReadAsStringAsync(ct);
        try
        {
            var value = JsonSerializer.Deserialize(json, type);
            return (value ?? throw new JsonException("null"), json);
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.Error, $"{(int)response.StatusCode}: the service at {BaseUrl} answered {method} /{path.Split('?')[0]} with JSON this client does not understand ({e.Message})");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            using (var message = request())
            {
                try
                {
                    response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
                }
                catch (HttpRequestException e)
                {
                    throw new CliException(ExitCodes.Error, $"cannot reach the GAS service at {BaseUrl} ({e.Message}); set GAS_URL or --url");
                }
                catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
                {
                    throw new CliException(ExitCodes.Error, $"the GAS service at {BaseUrl} did not answer {message.Method} {message.RequestUri?.AbsolutePath} in time ({e.Message})");
                }
            }

            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt >= _retry.MaxRetries)
            {
                return response;
            }

            var wait = _retry.WaitFor(response.Headers.RetryAfter, DateTimeOffset.UtcNow);
            response.Dispose();
            await status.WriteLineAsync($"429: rate limited; waiting {wait.TotalSeconds:0} s (Retry-After) before retry {attempt + 1} of {_retry.MaxRetries}");
            await Task.Delay(wait, ct);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(ct);
        var message = ErrorMessages.Format(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        response.Dispose();
        throw new CliException(ExitCodes.Error, message);
    }

    private HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content)
    {
        var message = new HttpRequestMessage(method, new Uri(BaseUrl, path)) { Content = content };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        message.Headers.Accept.ParseAdd("application/json");
        message.Headers.Accept.ParseAdd("application/problem+json");
        return message;
    }

    private static ByteArrayContent Content(byte[] bytes, MediaTypeHeaderValue? type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = type;
        return content;
    }
}

/// <summary>How often and how long a 429 is waited out: the server's <c>Retry-After</c>, within bounds.</summary>
public sealed record RetryPolicy(int MaxRetries, TimeSpan MinWait, TimeSpan MaxWait)
{
    public static RetryPolicy Default { get; } = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));

    /// <summary>The wait a <c>Retry-After</c> asks for (seconds or a date), at least <see cref="MinWait"/> and at most <see cref="MaxWait"/>.</summary>
    public TimeSpan WaitFor(RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        var asked = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => MinWait,
        };
        return asked < MinWait ? MinWait : asked > MaxWait ? MaxWait : asked;
    }
}
