using Amazon.CDK.AWS.EC2;
using Constructs;

namespace Gas.Deploy;

/// <summary>The VPC: public subnets for the load balancer, private ones for the instances, isolated ones for the database.</summary>
public sealed class Network : Construct
{
    public Vpc Vpc { get; }

    public Network(Construct scope, string id, GasSettings settings) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Vpc = new Vpc(this, "Vpc", new VpcProps
        {
            VpcName = settings.Name("gas-vpc"),
            IpAddresses = IpAddresses.Cidr("10.20.0.0/16"),
            MaxAzs = 2,
            NatGateways = settings.NatGateways,
            SubnetConfiguration =
            [
                new SubnetConfiguration { Name = "public", SubnetType = SubnetType.PUBLIC, CidrMask = 24 },
                new SubnetConfiguration { Name = "app", SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 22 },
                new SubnetConfiguration { Name = "data", SubnetType = SubnetType.PRIVATE_ISOLATED, CidrMask = 24 },
            ],
            // S3 and DynamoDB traffic stays inside AWS's network and off the NAT gateway's bill.
            GatewayEndpoints = new Dictionary<string, IGatewayVpcEndpointOptions>
            {
                ["S3"] = new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.S3 },
                ["DynamoDB"] = new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.DYNAMODB },
            },
        });
    }
}
