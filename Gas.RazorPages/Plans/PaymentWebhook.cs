using Microsoft.AspNetCore.Http.Features;

namespace Gas.RazorPages.Plans;

/// <summary>The payment provider's webhook: only events whose signature verifies change anyone's plan, and each only once.</summary>
public static class PaymentWebhook
{
    /// <summary>Where Stripe's dashboard sends events.</summary>
    public const string Path = "/stripe/webhook";

    /// <summary>Stripe's events are a few kilobytes; anything near this is not one.</summary>
    private const long MaxPayloadBytes = 1 << 20;

    public static IEndpointConventionBuilder MapPaymentWebhook(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync).AllowAnonymous().DisableAntiforgery();

    private static async Task<IResult> HandleAsync(
        HttpContext context, IPayments payments, PaymentEvents events, ILoggerFactory loggers, CancellationToken ct)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxPayloadBytes;
        }

        using var reader = new StreamReader(context.Request.Body);
        var payload = await reader.ReadToEndAsync(ct);
        PaymentEvent? paymentEvent;
        try
        {
            paymentEvent = payments.ReadEvent(payload, context.Request.Headers["Stripe-Signature"].ToString());
        }
        catch (PaymentEventRejectedException e)
        {
            loggers.CreateLogger(typeof(PaymentWebhook)).LogWarning("Rejected a payment webhook: {Reason}", e.Message);
            return Results.BadRequest(new { error = e.Message });
        }

        if (paymentEvent is null)
        {
            return Results.NotFound();
        }

        await events.ApplyOnceAsync(paymentEvent, ct);
        return Results.Ok();
    }
}
