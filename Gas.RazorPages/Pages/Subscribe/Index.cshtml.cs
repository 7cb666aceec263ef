using Gas.RazorPages.Accounts;
using Gas.RazorPages.Plans;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace Gas.RazorPages.Pages.Subscribe;

public sealed class SubscribeModel(UserManager<GasUser> users, IOptions<StripeOptions> stripe, IStripeClient stripeClient) : PageModel
{
    public bool AlreadyPremium { get; private set; }
    public bool UsesStripe => stripe.Value.IsConfigured;
    public string Price => stripe.Value.DisplayPrice;

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        AlreadyPremium = await users.IsPremiumAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (await users.IsPremiumAsync(user))
        {
            return RedirectToPage();
        }

        if (!UsesStripe)
        {
            return RedirectToPage("/Subscribe/Checkout");
        }

        var session = await new SessionService(stripeClient).CreateAsync(new SessionCreateOptions
        {
            Mode = "subscription",
            LineItems = [new SessionLineItemOptions { Price = stripe.Value.PriceId, Quantity = 1 }],
            ClientReferenceId = user.Id,
            Customer = user.StripeCustomerId,
            CustomerEmail = user.StripeCustomerId is null ? user.Email : null,
            SuccessUrl = Url.PageLink("/Subscribe/Success") + "?session_id={CHECKOUT_SESSION_ID}",
            CancelUrl = Url.PageLink("/Subscribe/Index"),
        }, cancellationToken: ct);
        return new RedirectResult(session.Url, permanent: false, preserveMethod: false);
    }
}
