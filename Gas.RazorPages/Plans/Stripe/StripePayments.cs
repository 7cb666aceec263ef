using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace Gas.RazorPages.Plans.Stripe;

/// <summary>Payments through Stripe: Checkout in subscription mode, its API to cancel, and its signed webhooks.</summary>
public sealed class StripePayments(IStripeClient stripe, IOptions<StripeOptions> options, TimeProvider time) : IPayments
{
    /// <summary>The named HttpClient Stripe.net sends its requests with.</summary>
    public const string HttpClientName = "Stripe";

    /// <summary>How old a signed notification may be (Stripe's default), so a captured one cannot be replayed later.</summary>
    private const long SignatureToleranceSeconds = 300;

    public CheckoutKind Kind => CheckoutKind.PaymentProvider;

    public async Task<Uri> StartCheckoutAsync(CheckoutRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = await CallAsync("start a checkout", () => new SessionService(stripe).CreateAsync(new SessionCreateOptions
        {
            Mode = "subscription",
            LineItems = [new SessionLineItemOptions { Price = options.Value.PriceId, Quantity = 1 }],
            ClientReferenceId = request.UserId,
            Customer = request.CustomerId,
            CustomerEmail = request.CustomerId is null ? request.Email : null,
            // Stripe puts the session's id in its place, so the return can confirm the session.
            SuccessUrl = request.SuccessUrl.AbsoluteUri + "?session_id={CHECKOUT_SESSION_ID}",
            CancelUrl = request.CancelUrl.AbsoluteUri,
        }, cancellationToken: ct));
        return new Uri(session.Url);
    }

    public async Task<CompletedCheckout?> ConfirmCheckoutAsync(string checkoutId, CancellationToken ct) =>
        Paid(await CallAsync("confirm a checkout", () => new SessionService(stripe).GetAsync(checkoutId, cancellationToken: ct)));

    public Task CancelSubscriptionAsync(string subscriptionId, CancellationToken ct) =>
        CallAsync("cancel the subscription", () => new SubscriptionService(stripe).CancelAsync(subscriptionId, cancellationToken: ct));

    public PaymentEvent? ReadEvent(string payload, string signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            throw new PaymentEventRejectedException("missing Stripe-Signature header");
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(payload, signature, options.Value.WebhookSecret,
                SignatureToleranceSeconds, time.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException e)
        {
            throw new PaymentEventRejectedException(e.Message, e);
        }

        return stripeEvent.Type switch
        {
            EventTypes.CheckoutSessionCompleted when stripeEvent.Data.Object is Session session && Paid(session) is { } checkout
                => new CheckoutCompletedEvent(stripeEvent.Id, checkout),
            EventTypes.CustomerSubscriptionDeleted when stripeEvent.Data.Object is Subscription subscription
                => new SubscriptionEndedEvent(stripeEvent.Id, subscription.Id),
            _ => new OtherPaymentEvent(stripeEvent.Id, stripeEvent.Type),
        };
    }

    private static CompletedCheckout? Paid(Session session) =>
        session is { Status: "complete", PaymentStatus: "paid" or "no_payment_required", ClientReferenceId: { Length: > 0 } userId }
            ? new CompletedCheckout(userId, session.CustomerId, session.SubscriptionId)
            : null;

    private static async Task<T> CallAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is StripeException or HttpRequestException)
        {
            throw new PaymentProviderException($"Stripe could not {what}: {e.Message}", e);
        }
    }
}
