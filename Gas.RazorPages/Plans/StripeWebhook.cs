using Gas.RazorPages.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace Gas.RazorPages.Plans;

/// <summary>Stripe's webhook: only events whose signature verifies with the endpoint secret change anyone's plan.</summary>
public static class StripeWebhook
{
    public const string Path = "/stripe/webhook";

    public static IEndpointConventionBuilder MapStripeWebhook(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync).AllowAnonymous().DisableAntiforgery();

    private static async Task<IResult> HandleAsync(
        HttpRequest request, IOptions<StripeOptions> options, UserManager<GasUser> users, PlanChanges plans,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(StripeWebhook));
        if (!options.Value.IsConfigured)
        {
            return Results.NotFound();
        }

        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync(ct);
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(json, request.Headers["Stripe-Signature"], options.Value.WebhookSecret,
                throwOnApiVersionMismatch: false);
        }
        catch (StripeException e)
        {
            logger.LogWarning("Rejected a Stripe webhook: {Reason}", e.Message);
            return Results.BadRequest(new { error = "invalid signature" });
        }

        switch (stripeEvent.Type)
        {
            case EventTypes.CheckoutSessionCompleted when stripeEvent.Data.Object is Session session:
                var buyer = session.ClientReferenceId is null ? null : await users.FindByIdAsync(session.ClientReferenceId);
                if (buyer is not null && session.PaymentStatus is "paid" or "no_payment_required")
                {
                    await plans.UpgradeAsync(buyer, session.CustomerId, session.SubscriptionId);
                }

                break;
            case EventTypes.CustomerSubscriptionDeleted when stripeEvent.Data.Object is Subscription subscription:
                var subscriber = await users.Users.FirstOrDefaultAsync(u => u.StripeSubscriptionId == subscription.Id, ct);
                if (subscriber is not null)
                {
                    await plans.DowngradeAsync(subscriber);
                }

                break;
        }

        return Results.Ok();
    }
}
