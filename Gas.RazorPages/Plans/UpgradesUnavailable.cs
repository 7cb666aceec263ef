namespace Gas.RazorPages.Plans;

/// <summary>No payments at all: a server without Stripe settings outside Development. Nobody can upgrade here.</summary>
public sealed class UpgradesUnavailable : IPayments
{
    public CheckoutKind Kind => CheckoutKind.Unavailable;

    public Task<Uri> StartCheckoutAsync(CheckoutRequest request, CancellationToken ct) =>
        throw new PaymentProviderException("Upgrades are unavailable on this server: no payment provider is configured.");

    public Task<CompletedCheckout?> ConfirmCheckoutAsync(string checkoutId, CancellationToken ct) =>
        Task.FromResult<CompletedCheckout?>(null);

    public Task CancelSubscriptionAsync(string subscriptionId, CancellationToken ct) =>
        throw new PaymentProviderException($"Subscription {subscriptionId} cannot be cancelled here: no payment provider is configured.");

    public PaymentEvent? ReadEvent(string payload, string signature) => null;
}
