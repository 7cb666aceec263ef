using System.Text;
using System.Text.RegularExpressions;
using Gas.Core.Configuration;
using Gas.Core.Messaging;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stripe;

namespace Gas.Tests.Payments;

/// <summary>GAS configured for Stripe (web role only, so restore requests stay on their queue to be counted).</summary>
internal static partial class StripeTestApp
{
    public const string WebhookSecret = "whsec_test_secret";

    public static Dictionary<string, string?> Settings() => new()
    {
        ["Gas:Roles"] = "web",
        ["Stripe:SecretKey"] = "sk_test_placeholder",
        ["Stripe:WebhookSecret"] = WebhookSecret,
        ["Stripe:PriceId"] = "price_test_premium",
    };

    public static GasAppFactory Create() => new(Settings());

    /// <summary>The signed-in user's id, as the upload form's key prefix shows it.</summary>
    public static async Task<string> UserIdAsync(BrowserSession browser) =>
        KeyPrefix().Match(await browser.Client.GetStringAsync("/annotate")).Groups[1].Value;

    /// <summary>Posts a payload to the webhook with the Stripe-Signature header made with the secret at the app's time.</summary>
    public static async Task<HttpResponseMessage> PostWebhookAsync(
        HttpClient client, GasAppFactory app, string payload, string? secret = WebhookSecret)
    {
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        if (secret is not null)
        {
            content.Headers.Add("Stripe-Signature",
                EventUtility.GenerateSignatureHeader(payload, secret, app.Clock.GetUtcNow().ToUnixTimeSeconds()));
        }

        return await client.PostAsync("/stripe/webhook", content);
    }

    /// <summary>Takes every restore request published so far off the restore queue and counts them.</summary>
    public static async Task<int> TakeRestoreRequestsAsync(IServiceProvider services)
    {
        var queue = services.GetRequiredService<IQueue>();
        var name = services.GetRequiredService<IOptions<MessagingOptions>>().Value.RestoreQueue;
        var taken = 0;
        while (await queue.ReceiveAsync(name, 10, TimeSpan.Zero) is { Count: > 0 } messages)
        {
            foreach (var message in messages)
            {
                await queue.DeleteAsync(name, message.ReceiptHandle);
                taken++;
            }
        }

        return taken;
    }

    [GeneratedRegex("name=\"key\" value=\"([^/]+)/")]
    private static partial Regex KeyPrefix();
}
