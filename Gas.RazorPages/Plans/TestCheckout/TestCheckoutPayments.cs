namespace Gas.RazorPages.Plans.TestCheckout;

/// <summary>
/// The local test checkout as the payments adapter: paying happens on GAS's own page (<see cref="PagePath"/>, through
/// <see cref="TestCardCheckout"/>), so there is no provider to confirm with, cancel at, or hear from.
/// </summary>
public sealed class TestCheckoutPayments : IPayments
{
    public const string PagePath = "/subscribe/checkout";

    public CheckoutKind Kind => CheckoutKind.TestCheckout;

    public Task<Uri> StartCheckoutAsync(CheckoutRequest request, CancellationToken ct) =>
        Task.FromResult(new Uri(PagePath, UriKind.Relative));

    public Task<CompletedCheckout?> ConfirmCheckoutAsync(string checkoutId, CancellationToken ct) =>
        Task.FromResult<CompletedCheckout?>(null);

    public Task CancelSubscriptionAsync(string subscriptionId, CancellationToken ct) =>
        throw new PaymentProviderException($"Subscription {subscriptionId} is with a payment provider this server does not use; it cannot be cancelled here.");

    public PaymentEvent? ReadEvent(string payload, string signature) => null;
}
