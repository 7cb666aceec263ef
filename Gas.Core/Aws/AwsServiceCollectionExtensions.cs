using Amazon.Runtime.Signing;
using Gas.Core.Archive;
using Gas.Core.Configuration;
using Gas.Core.Email;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gas.Core.Aws;

/// <summary>Registers the AWS adapter family.</summary>
public static class AwsServiceCollectionExtensions
{
    /// <summary>
    /// DynamoDB, S3, SQS, SNS, S3 GLACIER and SES-over-SMTP behind the same ports as the embedded family (see
    /// <see cref="Embedded.EmbeddedServiceCollectionExtensions"/>); names and endpoints from <c>Gas:*</c>, credentials from
    /// the SDK's default chain.
    /// </summary>
    public static IServiceCollection AddAwsAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGasCore(configuration);
        services.AddValidatedOptions<AwsOptions>(configuration, AwsOptions.Section);
        services.AddSingleton<IValidateOptions<AwsOptions>>(new ExplicitResourceNames(configuration));
        services.AddSingleton<IValidateOptions<EmailOptions>, SmtpRequiredInAws>();
        services.TryAddSingleton(sp => new AwsClients(sp.GetRequiredService<IOptions<AwsOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<AwsClients>().CreateDynamoDb());
        services.AddSingleton(sp => sp.GetRequiredService<AwsClients>().CreateSqs());
        services.AddSingleton(sp => sp.GetRequiredService<AwsClients>().CreateS3());
        services.AddSingleton(sp => CreateSnsClient(sp.GetRequiredService<AwsClients>()));

        services.AddSingleton<IJobStore, DynamoDbJobStore>();
        services.AddSingleton<S3ObjectStore>();
        services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<S3ObjectStore>());
        services.AddSingleton<SqsQueue>();
        services.AddSingleton<IQueue>(sp => sp.GetRequiredService<SqsQueue>());
        services.AddSingleton<ITopic, SnsTopic>();
        services.AddSingleton<IArchiveStore, S3GlacierArchiveStore>();
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<IMailbox>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp is { } smtp
            ? new SmtpOnlyMailbox(smtp.Host, smtp.Port)
            : throw new InvalidOperationException("Gas:Email:Smtp is not configured."));
        services.AddTransient<AwsResourceProvisioner>();
        return services;
    }

    /// <summary>SNS's Query API over HTTP, each request signed with SigV4 by AWSSDK.Core's handler.</summary>
    public static SnsQueryClient CreateSnsClient(AwsClients clients, HttpMessageHandler? inner = null)
    {
#pragma warning disable CA2000 // the HttpClient owns (and disposes) its handler chain
        var signer = new SigV4SigningHandler(clients.Credentials, clients.Region, "sns", inner ?? new SocketsHttpHandler());
        return new SnsQueryClient(new HttpClient(signer), clients.SnsEndpoint);
#pragma warning restore CA2000
    }

    /// <summary>Every bucket, topic and queue name must come from configuration in AWS mode.</summary>
    private sealed class ExplicitResourceNames(IConfiguration configuration) : IValidateOptions<AwsOptions>
    {
        public ValidateOptionsResult Validate(string? name, AwsOptions options)
        {
            var missing = AwsOptions.ExplicitInAws.Where(key => string.IsNullOrWhiteSpace(configuration[key])).ToArray();
            return missing is []
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Gas:Provider is 'aws': set {string.Join(", ", missing)} (resource names come from configuration).");
        }
    }

    /// <summary>In AWS mode mail goes through SES's SMTP interface, so <c>Gas:Email:Smtp</c> must be there.</summary>
    private sealed class SmtpRequiredInAws : IValidateOptions<EmailOptions>
    {
        public ValidateOptionsResult Validate(string? name, EmailOptions options) =>
            options.Smtp is null
                ? ValidateOptionsResult.Fail("Gas:Provider is 'aws': set Gas:Email:Smtp (SES's SMTP endpoint, or a local SMTP server).")
                : ValidateOptionsResult.Success;
    }
}
