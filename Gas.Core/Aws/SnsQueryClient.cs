using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Xml.Linq;

namespace Gas.Core.Aws;

/// <summary>
/// The few SNS actions GAS needs, spoken over SNS's Query API (form POST, XML answers). The HTTP handler underneath
/// signs each request with SigV4 (AWSSDK.Core's <c>SigV4SigningHandler</c>), since the SNS SDK package is not available here.
/// </summary>
public sealed class SnsQueryClient(HttpClient http, Uri endpoint)
{
    private const string ApiVersion = "2010-03-31";
    private const int MaxAttempts = 4;
    private static readonly XNamespace Ns = "http://sns.amazonaws.com/doc/2010-03-31/";

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _arns = new(StringComparer.Ordinal);

    /// <summary>Creates the topic if absent and returns its ARN (CreateTopic is idempotent).</summary>
    public async Task<string> CreateTopicAsync(string name, CancellationToken ct = default)
    {
        var response = await CallAsync("CreateTopic", [new("Name", name)], ct);
        return Result(response, "CreateTopicResult", "TopicArn");
    }

    /// <summary>The topic's ARN, resolved once per name.</summary>
    public async Task<string> TopicArnAsync(string name, CancellationToken ct = default)
    {
        var lazy = _arns.GetOrAdd(name, n => new Lazy<Task<string>>(() => CreateTopicAsync(n, CancellationToken.None)));
        try
        {
            return await lazy.Value.WaitAsync(ct);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _arns.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(name, lazy));
            throw;
        }
    }

    /// <summary>Publishes a message and returns SNS's message id.</summary>
    public async Task<string> PublishAsync(string topicArn, string message, CancellationToken ct = default)
    {
        var response = await CallAsync("Publish", [new("TopicArn", topicArn), new("Message", message)], ct);
        return Result(response, "PublishResult", "MessageId");
    }

    /// <summary>Subscribes an endpoint (idempotent for the same attributes) and returns the subscription ARN.</summary>
    public async Task<string> SubscribeAsync(string topicArn, string protocol, string endpointArn, IReadOnlyDictionary<string, string> attributes, CancellationToken ct = default)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("TopicArn", topicArn),
            new("Protocol", protocol),
            new("Endpoint", endpointArn),
            new("ReturnSubscriptionArn", "true"),
        };
        var i = 1;
        foreach (var (key, value) in attributes)
        {
            parameters.Add(new(string.Create(CultureInfo.InvariantCulture, $"Attributes.entry.{i}.key"), key));
            parameters.Add(new(string.Create(CultureInfo.InvariantCulture, $"Attributes.entry.{i}.value"), value));
            i++;
        }

        var response = await CallAsync("Subscribe", parameters, ct);
        return Result(response, "SubscribeResult", "SubscriptionArn");
    }

    private async Task<XDocument> CallAsync(string action, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken ct)
    {
        var form = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", ApiVersion) };
        form.AddRange(parameters);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                return XDocument.Parse(body);
            }

            var error = SnsException.From(response.StatusCode, body);
            if (attempt >= MaxAttempts || !error.IsTransient)
            {
                throw error;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt)), ct);
        }
    }

    private static string Result(XDocument response, string resultElement, string valueElement) =>
        (response.Root?.Element(Ns + resultElement)?.Element(Ns + valueElement)
            ?? response.Descendants().FirstOrDefault(e => e.Name.LocalName == valueElement))?.Value
        ?? throw new SnsException(HttpStatusCode.OK, "MalformedResponse", $"SNS answered without {valueElement}.");
}

/// <summary>An error answer from SNS, with its code (e.g. <c>NotFound</c>, <c>Throttling</c>).</summary>
public sealed class SnsException(HttpStatusCode statusCode, string code, string message) : Exception($"SNS {code}: {message}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;
    public string Code { get; } = code;

    public bool IsTransient => (int)StatusCode >= 500 || StatusCode == HttpStatusCode.TooManyRequests || Code is "Throttling" or "ThrottlingException";

    internal static SnsException From(HttpStatusCode status, string body)
    {
        try
        {
            var error = XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            var code = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
            var message = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value;
            return new SnsException(status, code ?? status.ToString(), message ?? body);
        }
        catch (System.Xml.XmlException)
        {
            return new SnsException(status, status.ToString(), body);
        }
    }
}
