using System.ComponentModel.DataAnnotations;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Plans;
using Gas.RazorPages.Plans.TestCheckout;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Pages.Subscribe;

/// <summary>
/// The clearly-labelled local stand-in for Stripe Checkout. It has a route only when the test checkout is the payments
/// adapter (<see cref="Plans.DependencyInjection.AddPlans"/>); everywhere else it is a 404.
/// </summary>
public sealed class CheckoutModel(
    UserManager<GasUser> users, SignInManager<GasUser> signIn, TestCardCheckout checkout, IOptions<StripeOptions> stripe) : PageModel
{
    [BindProperty]
    public CardInput Input { get; set; } = new();

    public string? Error { get; private set; }
    public string Price => stripe.Value.DisplayPrice;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            Error = "Enter the card number, expiry and CVC.";
            return Page();
        }

        var decision = await checkout.PayAsync(user, Input.CardNumber, Input.Expiry, Input.Cvc);
        if (!decision.Approved)
        {
            Error = decision.Message;
            Response.StatusCode = StatusCodes.Status402PaymentRequired;
            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        return RedirectToPage("/Subscribe/Success");
    }

    public sealed class CardInput
    {
        [Required, StringLength(23)]
        public string CardNumber { get; set; } = "";

        [Required, StringLength(7)]
        public string Expiry { get; set; } = "";

        [Required, StringLength(4)]
        public string Cvc { get; set; } = "";
    }
}
