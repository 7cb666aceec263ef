using Amazon.CDK.Assertions;
using static Gas.Tests.Deploy.SynthesizedEnvironment;

namespace Gas.Tests.Deploy;

[TestClass]
[TestCategory("Deploy")]
[DoNotParallelize]
public sealed class WebFarm
{
    [TestMethod]
    public void LoadBalancerIsInternetFacingAcrossTwoPublicSubnets() =>
        Synthesized.HasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", new Dictionary<string, object>
        {
            ["Name"] = "test-gas-elb",
            ["Scheme"] = "internet-facing",
            ["Type"] = "application",
            ["Subnets"] = Match.ArrayEquals([Match.AnyValue(), Match.AnyValue()]),
        });

    [TestMethod]
    public void ListensForHttpsOn443WithTheCertificateFromContext()
    {
        Synthesized.ResourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 1);
        Synthesized.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", new Dictionary<string, object>
        {
            ["Port"] = 443,
            ["Protocol"] = "HTTPS",
            ["Certificates"] = new object[] { new Dictionary<string, object> { ["CertificateArn"] = CertificateArn } },
            ["DefaultActions"] = Match.ArrayEquals([Match.ObjectLike(new Dictionary<string, object> { ["Type"] = "forward" })]),
        });
    }

    [TestMethod]
    public void ForwardsToKestrelOverHttpsOn4433WithTheSpecificationsHealthCheck()
    {
        Synthesized.ResourceCountIs("AWS::ElasticLoadBalancingV2::TargetGroup", 1);
        Synthesized.HasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", new Dictionary<string, object>
        {
            ["Name"] = "test-gas-web-servers",
            ["Protocol"] = "HTTPS",
            ["Port"] = 4433,
            ["TargetType"] = "instance",
            ["HealthCheckProtocol"] = "HTTPS",
            ["HealthCheckPath"] = "/",
            ["HealthCheckPort"] = "traffic-port",
            ["HealthyThresholdCount"] = 2,
            ["UnhealthyThresholdCount"] = 10,
            ["HealthCheckIntervalSeconds"] = 15,
            ["HealthCheckTimeoutSeconds"] = 5,
            ["Matcher"] = new Dictionary<string, object> { ["HttpCode"] = "200" },
        });
    }

    [TestMethod]
    public void GroupRunsTwoToTenServersStartingWithTwoBehindTheTargetGroup()
    {
        var (_, group) = ResourceWith("AWS::AutoScaling::AutoScalingGroup", "AutoScalingGroupName", "test-gas-web-auto-scaler");
        Assert.AreEqual("2", (string?)group["MinSize"]);
        Assert.AreEqual("10", (string?)group["MaxSize"]);
        Assert.AreEqual("2", (string?)group["DesiredCapacity"]);
        Assert.AreEqual(2, group["VPCZoneIdentifier"]!.AsArray().Count, "one private subnet in each of two AZs");
        var targetGroup = Resources("AWS::ElasticLoadBalancingV2::TargetGroup").Single().Id;
        Assert.AreEqual(targetGroup, ReferencedId(group["TargetGroupARNs"]!.AsArray().Single()));
    }

    [TestMethod]
    public void ReplacesServersTheLoadBalancerFindsUnhealthy()
    {
        var (_, group) = ResourceWith("AWS::AutoScaling::AutoScalingGroup", "AutoScalingGroupName", "test-gas-web-auto-scaler");
        Assert.AreEqual("ELB", (string?)group["HealthCheckType"]);
        Assert.AreEqual(300, (int?)group["HealthCheckGracePeriod"]);
    }

    [TestMethod]
    public void NewReleasesRollOutOneServerAtATimeWithoutDroppingBelowTwo()
    {
        var (id, _) = ResourceWith("AWS::AutoScaling::AutoScalingGroup", "AutoScalingGroupName", "test-gas-web-auto-scaler");
        var rolling = Json["Resources"]![id]!["UpdatePolicy"]!["AutoScalingRollingUpdate"]!;
        Assert.AreEqual(1, (int?)rolling["MaxBatchSize"]);
        Assert.AreEqual(2, (int?)rolling["MinInstancesInService"]);
    }

    [TestMethod]
    public void ServersAreNamedWithThePrefix() =>
        Synthesized.HasResourceProperties("AWS::AutoScaling::AutoScalingGroup", new Dictionary<string, object>
        {
            ["AutoScalingGroupName"] = "test-gas-web-auto-scaler",
            ["Tags"] = new object[]
            {
                new Dictionary<string, object> { ["Key"] = "Name", ["Value"] = "test-gas-web", ["PropagateAtLaunch"] = true },
            },
        });

    [TestMethod]
    public void LaunchTemplateTagsInstancesWithTheSameName() =>
        Synthesized.HasResourceProperties("AWS::EC2::LaunchTemplate", new Dictionary<string, object>
        {
            ["LaunchTemplateName"] = "test-gas-web",
            ["LaunchTemplateData"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["TagSpecifications"] = Match.ArrayWith([new Dictionary<string, object>
                {
                    ["ResourceType"] = "instance",
                    ["Tags"] = new object[] { new Dictionary<string, object> { ["Key"] = "Name", ["Value"] = "test-gas-web" } },
                }]),
            }),
        });

    [TestMethod]
    public void ScalesOutByOneWhenTargetsAnswerMoreThan200SuccessesInAMinute()
    {
        Synthesized.HasResourceProperties("AWS::CloudWatch::Alarm", new Dictionary<string, object>
        {
            ["AlarmName"] = "test-gas-web-scale-out",
            ["Namespace"] = "AWS/ApplicationELB",
            ["MetricName"] = "HTTPCode_Target_2XX_Count",
            ["Dimensions"] = new object[] { Match.ObjectLike(new Dictionary<string, object> { ["Name"] = "LoadBalancer" }) },
            ["Statistic"] = "Sum",
            ["Period"] = 60,
            ["EvaluationPeriods"] = 1,
            ["DatapointsToAlarm"] = 1,
            ["ComparisonOperator"] = "GreaterThanThreshold",
            ["Threshold"] = 200,
            ["AlarmActions"] = new object[] { Match.ObjectLike(new Dictionary<string, object> { ["Ref"] = Match.AnyValue() }) },
        });
        var policy = PolicyOf("test-gas-web-scale-out");
        Assert.AreEqual("SimpleScaling", (string?)policy["PolicyType"]);
        Assert.AreEqual("ChangeInCapacity", (string?)policy["AdjustmentType"]);
        Assert.AreEqual(1, (int?)policy["ScalingAdjustment"]);
        Assert.AreEqual("300", (string?)policy["Cooldown"], "the specification's 'and then wait 300 seconds'");
        Assert.AreEqual(WebGroupId(), ReferencedId(policy["AutoScalingGroupName"]));
    }

    [TestMethod]
    public void ScalesInByOneWhenTargetsAnswerInUnder10MillisecondsForAMinute()
    {
        Synthesized.HasResourceProperties("AWS::CloudWatch::Alarm", new Dictionary<string, object>
        {
            ["AlarmName"] = "test-gas-web-scale-in",
            ["Namespace"] = "AWS/ApplicationELB",
            ["MetricName"] = "TargetResponseTime",
            ["Statistic"] = "Average",
            ["Period"] = 60,
            ["EvaluationPeriods"] = 1,
            ["ComparisonOperator"] = "LessThanThreshold",
            ["Threshold"] = 0.01,
        });
        var policy = PolicyOf("test-gas-web-scale-in");
        Assert.AreEqual("SimpleScaling", (string?)policy["PolicyType"]);
        Assert.AreEqual(-1, (int?)policy["ScalingAdjustment"]);
        Assert.AreEqual(WebGroupId(), ReferencedId(policy["AutoScalingGroupName"]));
    }

    [TestMethod]
    public void Port4433IsOpenOnlyToTheLoadBalancer()
    {
        var webGroup = SecurityGroupId("test-gas-web");
        var balancerGroup = SecurityGroupId("test-gas-elb");
        var (_, web) = ResourceWith("AWS::EC2::SecurityGroup", "GroupName", "test-gas-web");
        Assert.IsNull(web["SecurityGroupIngress"], "no inline ingress: nothing but the load balancer rule");
        var ingress = Resources("AWS::EC2::SecurityGroupIngress")
            .Where(rule => ReferencedId(rule.Properties["GroupId"]) == webGroup)
            .ToList();
        Assert.HasCount(1, ingress);
        Assert.AreEqual(4433, (int?)ingress[0].Properties["FromPort"]);
        Assert.AreEqual(4433, (int?)ingress[0].Properties["ToPort"]);
        Assert.AreEqual(balancerGroup, ReferencedId(ingress[0].Properties["SourceSecurityGroupId"]));
    }

    [TestMethod]
    public void LoadBalancerTakes443FromAnywhereAndTalksOnlyToTheWebServers()
    {
        var (balancerGroup, balancer) = ResourceWith("AWS::EC2::SecurityGroup", "GroupName", "test-gas-elb");
        var ingress = balancer["SecurityGroupIngress"]!.AsArray().Single()!;
        Assert.AreEqual("0.0.0.0/0", (string?)ingress["CidrIp"]);
        Assert.AreEqual(443, (int?)ingress["FromPort"]);
        Assert.AreEqual(443, (int?)ingress["ToPort"]);
        var inlineEgress = balancer["SecurityGroupEgress"]!.AsArray().Single()!;
        Assert.AreEqual("255.255.255.255/32", (string?)inlineEgress["CidrIp"], "the no-traffic placeholder replaces EC2's allow-all default");
        var egress = Resources("AWS::EC2::SecurityGroupEgress")
            .Where(rule => ReferencedId(rule.Properties["GroupId"]) == balancerGroup)
            .Single().Properties;
        Assert.AreEqual(4433, (int?)egress["FromPort"]);
        Assert.AreEqual(SecurityGroupId("test-gas-web"), ReferencedId(egress["DestinationSecurityGroupId"]));
    }

    private static string WebGroupId() =>
        ResourceWith("AWS::AutoScaling::AutoScalingGroup", "AutoScalingGroupName", "test-gas-web-auto-scaler").Id;

    internal static string SecurityGroupId(string name) => ResourceWith("AWS::EC2::SecurityGroup", "GroupName", name).Id;

    internal static System.Text.Json.Nodes.JsonObject PolicyOf(string alarmName)
    {
        var (_, alarm) = ResourceWith("AWS::CloudWatch::Alarm", "AlarmName", alarmName);
        var policyId = ReferencedId(alarm["AlarmActions"]!.AsArray().Single());
        return Resources("AWS::AutoScaling::ScalingPolicy").Single(policy => policy.Id == policyId).Properties;
    }
}
