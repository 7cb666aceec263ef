using Microsoft.AspNetCore.Identity;

namespace Gas.RazorPages.Accounts;

/// <summary>A person with a GAS account.</summary>
public sealed class GasUser : IdentityUser
{
    [PersonalData]
    public string DisplayName { get; set; } = "";

    /// <summary>Stripe customer, once the user has paid (null for the local test checkout).</summary>
    public string? StripeCustomerId { get; set; }

    public string? StripeSubscriptionId { get; set; }
}

/// <summary>The role names the specification uses, plus administrators.</summary>
public static class GasRoles
{
    public const string Free = "free_user";
    public const string Premium = "premium_user";
    public const string Admin = "Admin";

    public static readonly string[] All = [Free, Premium, Admin];
}

/// <summary>Authorization policy names.</summary>
public static class GasPolicies
{
    public const string Premium = "Premium";
    public const string Admin = "Admin";
}
