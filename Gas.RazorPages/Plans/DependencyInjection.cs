using Microsoft.Extensions.Options;
using Stripe;

namespace Gas.RazorPages.Plans;

/// <summary>Registers plan changes and payments: Stripe when keys are configured, else the local test checkout.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddPlans(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StripeOptions>()
            .Bind(configuration.GetSection(StripeOptions.Section), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddScoped<PlanChanges>();
        services.AddSingleton<IStripeClient>(sp =>
        {
            var stripe = sp.GetRequiredService<IOptions<StripeOptions>>().Value;
            return new StripeClient(stripe.IsConfigured ? stripe.SecretKey : "sk_test_not_configured");
        });
        return services;
    }
}
