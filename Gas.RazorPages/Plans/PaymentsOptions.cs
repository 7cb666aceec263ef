namespace Gas.RazorPages.Plans;

/// <summary>Section <c>Gas:Payments</c>: whether the local test checkout may run (Stripe's keys are in section <c>Stripe</c>).</summary>
public sealed class PaymentsOptions
{
    public const string Section = "Gas:Payments";

    /// <summary>
    /// The local test checkout makes anyone Premium with a test card. Unset, it runs only in the Development environment
    /// in embedded mode; <c>true</c> turns it on elsewhere (refused in aws mode), <c>false</c> turns it off.
    /// </summary>
    public bool? TestCheckout { get; set; }
}
