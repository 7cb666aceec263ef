using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.S3;
using Amazon.SQS;
using Gas.Core.Configuration;

namespace Gas.Core.Aws;

/// <summary>
/// Builds the SDK clients from <see cref="AwsOptions"/>: region, optional emulator endpoints, and credentials from the
/// SDK's default chain (environment, profile, instance role) unless a caller hands some in.
/// </summary>
public sealed class AwsClients(AwsOptions options, AWSCredentials? credentials = null, HttpClientFactory? httpClientFactory = null)
{
    private readonly Lazy<AWSCredentials> _credentials =
        new(() => credentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials(null));

    public AwsOptions Options { get; } = options;

    public AWSCredentials Credentials => _credentials.Value;

    public RegionEndpoint Region => RegionEndpoint.GetBySystemName(Options.Region);

    /// <summary>Where SNS's Query API lives: the configured endpoint, or the region's public one.</summary>
    public Uri SnsEndpoint => Options.SnsServiceUrl ?? Options.ServiceUrl ?? new Uri($"https://sns.{Options.Region}.amazonaws.com/");

    /// <summary>The S3 endpoint when one is configured (an emulator); null means AWS's own.</summary>
    public Uri? S3Endpoint => Options.S3ServiceUrl ?? Options.ServiceUrl;

    public IAmazonDynamoDB CreateDynamoDb() =>
        new AmazonDynamoDBClient(Credentials, Configure(new AmazonDynamoDBConfig(), Options.DynamoDbServiceUrl));

    public IAmazonSQS CreateSqs() =>
        new AmazonSQSClient(Credentials, Configure(new AmazonSQSConfig(), Options.SqsServiceUrl));

    public IAmazonS3 CreateS3()
    {
        var config = Configure(new AmazonS3Config(), Options.S3ServiceUrl);
        config.ForcePathStyle = Options.S3ForcePathStyle;
        // Checksums only where S3 requires them: emulators do not all speak the flexible-checksum trailers.
        config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
        config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        return new AmazonS3Client(Credentials, config);
    }

    private T Configure<T>(T config, Uri? serviceUrl)
        where T : ClientConfig
    {
        var endpoint = serviceUrl ?? Options.ServiceUrl;
        if (endpoint is null)
        {
            config.RegionEndpoint = Region;
        }
        else
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = Options.Region;
        }

        if (httpClientFactory is not null)
        {
            config.HttpClientFactory = httpClientFactory;
        }

        return config;
    }
}
