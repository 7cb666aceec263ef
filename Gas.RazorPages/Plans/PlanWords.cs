using Gas.Core.Configuration;
using Gas.Core.Text;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Plans;

/// <summary>The plans' limits and price in words, from configuration, so every page and email says what the service enforces.</summary>
public sealed class PlanWords(IOptions<RetentionOptions> retention, IOptions<StripeOptions> stripe)
{
    /// <summary>"150 KB": the largest input a Free user may upload.</summary>
    public string FreeMaxInput => Humanize.Bytes(retention.Value.FreeMaxInputBytes);

    /// <summary>"5 GB": the largest input a Premium user may upload.</summary>
    public string PremiumMaxInput => Humanize.Bytes(retention.Value.PremiumMaxInputBytes);

    /// <summary>"5 minutes": how long a Free user's results stay downloadable after completion.</summary>
    public string FreeWindow => Humanize.Duration(retention.Value.FreeDownloadWindow);

    /// <summary>The Premium plan's price as configured (<c>Stripe:DisplayPrice</c>).</summary>
    public string PremiumPrice => stripe.Value.DisplayPrice;
}
