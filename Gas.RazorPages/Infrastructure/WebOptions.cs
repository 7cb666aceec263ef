using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Gas.RazorPages.Infrastructure;

/// <summary>Section <c>Gas:Web</c>: what the web role trusts and watches.</summary>
public sealed class WebOptions : IValidatableObject
{
    public const string Section = "Gas:Web";

    /// <summary>
    /// Addresses of proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c> are believed. With neither this nor
    /// <see cref="KnownNetworks"/> set, only loopback is (ASP.NET Core's default).
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks in CIDR form (e.g. the VPC's <c>10.20.0.0/16</c>, where the load balancer lives) whose forwarded headers are believed.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>Below this much free space on the disk holding uploads, <c>/health</c> reports Degraded.</summary>
    [Range(0, long.MaxValue)]
    public long MinFreeDiskBytes { get; set; } = 1L << 30;

    /// <summary>How often the web role sweeps the embedded store for uploads no job claimed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan UnclaimedUploadSweepInterval { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"Gas:Web:KnownProxies: '{proxy}' is not an IP address.", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"Gas:Web:KnownNetworks: '{network}' is not a network in CIDR form (e.g. 10.20.0.0/16).", [nameof(KnownNetworks)]);
        }
    }
}
