using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gas.Tests.Support;

/// <summary>One browser: a cookie jar, forms filled in with the antiforgery token the page rendered.</summary>
public sealed partial class BrowserSession : IDisposable
{
    public BrowserSession(GasAppFactory factory)
        : this(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }))
    {
    }

    /// <summary>A session over any client that keeps cookies and does not follow redirects (e.g. against a real process).</summary>
    public BrowserSession(HttpClient client)
    {
        Client = client;
    }

    public HttpClient Client { get; }

    public string Email { get; private set; } = "";

    /// <summary>Registers (which leads to the sign-in page, whether or not the address was new) and signs in.</summary>
    public async Task RegisterAsync(string? email = null, string password = "Amber-Otter-Lantern-62")
    {
        Email = email ?? $"user-{Guid.NewGuid():N}@example.org";
        var response = await SubmitFormAsync("/Account/Register", new()
        {
            ["Input.Name"] = "Test User",
            ["Input.Email"] = Email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, await response.Content.ReadAsStringAsync());
        await LoginAsync(Email, password);
    }

    public async Task LoginAsync(string email, string password)
    {
        Email = email;
        var response = await SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>GETs a page, reads its antiforgery token, and posts the fields to it.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string url, Dictionary<string, string> fields, string? postUrl = null)
    {
        var page = await Client.GetStringAsync(url);
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken(page) };
        return await Client.PostAsync(postUrl ?? url, new FormUrlEncodedContent(values));
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.IsTrue(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The upload form's action and fields as a browser posts them, with the genome build option <paramref name="build"/> (default: the first, Detect).</summary>
    public async Task<(string Action, Dictionary<string, string> Fields)> GetUploadFormAsync(string? build = null)
    {
        var html = await Client.GetStringAsync("/annotate");
        var action = WebUtility.HtmlDecode(FormActionPattern().Match(html).Groups[1].Value);
        var fields = HiddenFieldPattern().Matches(html)
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields.Remove("__RequestVerificationToken");
        var options = BuildOptionPattern().Matches(html);
        var option = build is null ? options.FirstOrDefault() : options.FirstOrDefault(m => m.Groups[2].Value == build);
        Assert.IsNotNull(option, $"the upload form offers no genome build '{build}'");
        fields["success_action_redirect"] = WebUtility.HtmlDecode(option.Groups[1].Value);
        return (action, fields);
    }

    /// <summary>Posts a file straight to the object store, as the browser does, without any page script.</summary>
    public async Task<HttpResponseMessage> PostToStoreAsync(string action, Dictionary<string, string> fields, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await Client.PostAsync(action, form);
    }

    /// <summary>Uploads through the form and follows the store's redirect; returns the job id.</summary>
    public async Task<string> SubmitJobAsync(string fileName, byte[] content, string? build = null)
    {
        var (action, fields) = await GetUploadFormAsync(build);
        var stored = await PostToStoreAsync(action, fields, fileName, content);
        Assert.AreEqual(HttpStatusCode.Redirect, stored.StatusCode, await stored.Content.ReadAsStringAsync());
        var created = await Client.GetAsync(stored.Headers.Location);
        Assert.AreEqual(HttpStatusCode.Redirect, created.StatusCode, await created.Content.ReadAsStringAsync());
        var location = created.Headers.Location!.ToString();
        StringAssert.StartsWith(location, "/annotations/");
        return location["/annotations/".Length..];
    }

    /// <summary>Polls the job's status as the page script does until it is finished (see <see cref="Wait"/> for the bound).</summary>
    public async Task<string> WaitForFinishedAsync(string jobId, Func<string>? diagnostics = null)
    {
        var status = "";
        return await Wait.ForAsync(async () =>
        {
            var json = await Client.GetStringAsync($"/annotations/{jobId}?handler=Status");
            status = StatusPattern().Match(json).Groups[1].Value;
            return status is "COMPLETED" or "FAILED" ? status : null;
        }, $"job {jobId} is COMPLETED or FAILED", () => $"Its last status: {status}\n{diagnostics?.Invoke()}");
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<option value=\"([^\"]+)\" data-build=\"([^\"]+)\"")]
    private static partial Regex BuildOptionPattern();

    [GeneratedRegex("<form id=\"upload-form\" method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormActionPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenFieldPattern();

    [GeneratedRegex("\"status\":\"([A-Z]+)\"")]
    private static partial Regex StatusPattern();
}
