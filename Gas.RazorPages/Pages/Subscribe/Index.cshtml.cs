using Gas.RazorPages.Accounts;
using Gas.RazorPages.Plans;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Pages.Subscribe;

public sealed class SubscribeModel(
    UserManager<GasUser> users, IPayments payments, IOptions<StripeOptions> stripe, ILogger<SubscribeModel> logger) : PageModel
{
    public bool AlreadyPremium { get; private set; }
    public CheckoutKind Checkout => payments.Kind;
    public string Price => stripe.Value.DisplayPrice;
    public string? Error { get; private set; }

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

        try
        {
            var checkout = await payments.StartCheckoutAsync(new CheckoutRequest(user.Id, user.Email, user.StripeCustomerId,
                new Uri(Url.PageLink("/Subscribe/Success")!), new Uri(Url.PageLink("/Subscribe/Index")!)), ct);
            return Redirect(checkout.ToString());
        }
        catch (PaymentProviderException e)
        {
            logger.LogError(e, "Could not start a checkout for user {UserId}", user.Id);
            Error = "We could not start the payment just now. Nothing was charged; please try again later.";
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
    }
}
