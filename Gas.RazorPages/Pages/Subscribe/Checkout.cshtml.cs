using System.ComponentModel.DataAnnotations;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Plans;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Pages.Subscribe;

/// <summary>The clearly-labelled local stand-in for Stripe Checkout, used only when no Stripe keys are configured.</summary>
public sealed class CheckoutModel(
    UserManager<GasUser> users, SignInManager<GasUser> signIn, PlanChanges plans, IOptions<StripeOptions> stripe, TimeProvider time) : PageModel
{
    [BindProperty]
    public CardInput Input { get; set; } = new();

    public string? Error { get; private set; }
    public string Price => stripe.Value.DisplayPrice;

    public IActionResult OnGet() => stripe.Value.IsConfigured ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (stripe.Value.IsConfigured)
        {
            return NotFound();
        }

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

        var decision = TestCards.Evaluate(Input.CardNumber, Input.Expiry, Input.Cvc, time.GetUtcNow());
        if (!decision.Approved)
        {
            Error = decision.Message;
            Response.StatusCode = StatusCodes.Status402PaymentRequired;
            return Page();
        }

        await plans.UpgradeAsync(user);
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
