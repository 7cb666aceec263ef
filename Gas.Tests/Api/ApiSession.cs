using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Api.Tokens;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Api;

/// <summary>A program using the REST API with a real personal access token: no cookies, no redirects followed.</summary>
public sealed class ApiSession : IDisposable
{
    private readonly GasAppFactory _app;

    private ApiSession(GasAppFactory app, HttpClient client, string token, string userId)
    {
        _app = app;
        Client = client;
        Token = token;
        UserId = userId;
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public HttpClient Client { get; }
    public string Token { get; }
    public string UserId { get; }

    /// <summary>A new account (registered through the pages) and a token for it made by the token service.</summary>
    public static async Task<ApiSession> NewAsync(GasAppFactory app, TimeSpan? lifetime = null)
    {
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var userId = await UserIdAsync(app, browser.Email);
        var token = await app.InScopeAsync(sp => sp.GetRequiredService<PersonalAccessTokens>()
            .CreateAsync(userId, "test pipeline", app.Clock.GetUtcNow().Add(lifetime ?? TimeSpan.FromDays(30))));
        return new ApiSession(app, NewClient(app), token, userId);
    }

    /// <summary>A client that keeps no cookies and follows no redirects.</summary>
    public static HttpClient NewClient(GasAppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    public static async Task<string> UserIdAsync(GasAppFactory app, string email) =>
        await app.InScopeAsync(async sp => (await sp.GetRequiredService<UserManager<GasUser>>().FindByEmailAsync(email))!.Id);

    public async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Client.GetAsync(url);
        return await ReadAsync(response, expected);
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> PostJsonAsync(string url, object body)
    {
        var response = await Client.PostAsJsonAsync(url, body);
        return (response, await ReadAsync(response, response.StatusCode));
    }

    /// <summary>Asks for an upload form, posts its fields and the file (last, as 'file'), and returns the key.</summary>
    public async Task<(HttpResponseMessage Stored, string Key, JsonElement Form)> UploadAsync(string fileName, byte[] content)
    {
        var (_, form) = await PostJsonAsync("/api/v1/jobs/uploads", new { fileName });
        using var multipart = new MultipartFormDataContent();
        foreach (var field in form.GetProperty("fields").EnumerateObject())
        {
            multipart.Add(new StringContent(field.Value.GetString()!), field.Name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        multipart.Add(file, "file", fileName);
        // The object store is not the API: the form goes without the token, as a program posts it to S3.
        using var store = NewClient(_app);
        var stored = await store.PostAsync(form.GetProperty("url").GetString(), multipart);
        return (stored, form.GetProperty("key").GetString()!, form);
    }

    /// <summary>Uploads and creates a job; returns its id.</summary>
    public async Task<string> SubmitAsync(string fileName, byte[] content, string? name = null)
    {
        var (stored, key, _) = await UploadAsync(fileName, content);
        Assert.IsTrue(stored.IsSuccessStatusCode, await stored.Content.ReadAsStringAsync());
        var (created, job) = await PostJsonAsync("/api/v1/jobs", new { key, name, build = (string?)null });
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, job.ToString());
        return job.GetProperty("id").GetString()!;
    }

    /// <summary>Polls the job until it has finished (see <see cref="Wait"/> for the bound); returns its last JSON.</summary>
    public async Task<JsonElement> WaitForFinishedAsync(string jobId)
    {
        var last = "";
        var text = await Wait.ForAsync(async () =>
        {
            var job = await GetJsonAsync($"/api/v1/jobs/{jobId}");
            last = job.GetProperty("status").GetString()!;
            return last is "COMPLETED" or "FAILED" ? job.GetRawText() : null;
        }, $"job {jobId} is COMPLETED or FAILED", () => $"Its last status: {last}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(expected, response.StatusCode, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with the given status.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await ReadAsync(response, status);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType, body.ToString());
        Assert.AreEqual((int)status, body.GetProperty("status").GetInt32());
        Assert.IsFalse(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        return body;
    }

    public void Dispose() => Client.Dispose();
}
