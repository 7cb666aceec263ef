namespace Gas.RazorPages.Plans;

/// <summary>How a user pays for Premium on this server; the pages say so.</summary>
public enum CheckoutKind
{
    /// <summary>A real payment provider (Stripe Checkout).</summary>
    PaymentProvider,

    /// <summary>GAS's local test checkout, which takes only Stripe's test cards and charges nothing.</summary>
    TestCheckout,

    /// <summary>No way to pay here: upgrades are unavailable.</summary>
    Unavailable,
}

/// <summary>Who is buying Premium and where the checkout sends them back to.</summary>
public sealed record CheckoutRequest(string UserId, string? Email, string? CustomerId, Uri SuccessUrl, Uri CancelUrl);

/// <summary>A checkout the provider says is paid for: who bought it, as which customer, with which subscription.</summary>
public sealed record CompletedCheckout(string UserId, string? CustomerId, string? SubscriptionId);

/// <summary>A provider's notification whose signature verified, in the terms GAS acts on; <see cref="Id"/> is the provider's event id.</summary>
public abstract record PaymentEvent(string Id);

/// <summary>A checkout was paid for: the buyer becomes Premium.</summary>
public sealed record CheckoutCompletedEvent(string Id, CompletedCheckout Checkout) : PaymentEvent(Id);

/// <summary>A subscription ended (cancelled, or payments stopped): its holder returns to Free.</summary>
public sealed record SubscriptionEndedEvent(string Id, string SubscriptionId) : PaymentEvent(Id);

/// <summary>Any other notification: acknowledged, changes nothing.</summary>
public sealed record OtherPaymentEvent(string Id, string Type) : PaymentEvent(Id);

/// <summary>The provider refused a request, or there is no provider to ask.</summary>
public sealed class PaymentProviderException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A notification that did not come from the provider (missing or wrong signature).</summary>
public sealed class PaymentEventRejectedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The payments port: Stripe Checkout, the local test checkout, or none, chosen once at registration
/// (<see cref="DependencyInjection.AddPlans"/>). Plan changes themselves are <see cref="PlanChanges"/>' business.
/// </summary>
public interface IPayments
{
    CheckoutKind Kind { get; }

    /// <summary>Where to send the user to pay; throws <see cref="PaymentProviderException"/> when upgrades are unavailable or the provider refuses.</summary>
    Task<Uri> StartCheckoutAsync(CheckoutRequest request, CancellationToken ct);

    /// <summary>
    /// The checkout the user came back from, when the provider confirms it is paid (so the user need not wait for the
    /// notification); null when it is not (yet), or when there is nothing to confirm.
    /// </summary>
    Task<CompletedCheckout?> ConfirmCheckoutAsync(string checkoutId, CancellationToken ct);

    /// <summary>Ends the subscription with the provider; throws <see cref="PaymentProviderException"/> when that cannot be done.</summary>
    Task CancelSubscriptionAsync(string subscriptionId, CancellationToken ct);

    /// <summary>
    /// Verifies a provider's notification and reads it; throws <see cref="PaymentEventRejectedException"/> when its signature
    /// does not verify. Null when these payments have no notifications (the webhook then answers 404).
    /// </summary>
    PaymentEvent? ReadEvent(string payload, string signature);
}
