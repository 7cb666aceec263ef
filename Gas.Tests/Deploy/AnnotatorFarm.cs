using static Gas.Tests.Deploy.SynthesizedEnvironment;

namespace Gas.Tests.Deploy;

[TestClass]
[TestCategory("Deploy")]
[DoNotParallelize]
public sealed class AnnotatorFarm
{
    private const string GroupName = "test-gas-ann-auto-scaler";

    [TestMethod]
    public void KeepsAtLeastTwoAnnotatorsStartingWithTwo()
    {
        var (_, group) = ResourceWith("AWS::AutoScaling::AutoScalingGroup", "AutoScalingGroupName", GroupName);
        Assert.AreEqual("2", (string?)group["MinSize"]);
        Assert.AreEqual("10", (string?)group["MaxSize"]);
        Assert.AreEqual("2", (string?)group["DesiredCapacity"]);
        Assert.IsNull(group["TargetGroupARNs"], "annotators sit behind no load balancer");
        Assert.AreEqual(2, group["VPCZoneIdentifier"]!.AsArray().Count);
    }

    [TestMethod]
    public void AnnotatorsAreNamedWithThePrefix()
    {
        var (_, group) = ResourceWith("AWS::AutoScaling::AutoScalingGroup", "AutoScalingGroupName", GroupName);
        var name = group["Tags"]!.AsArray().Single(tag => (string?)tag!["Key"] == "Name")!;
        Assert.AreEqual("test-gas-ann", (string?)name["Value"]);
        Assert.IsTrue((bool?)name["PropagateAtLaunch"]);
    }

    [TestMethod]
    public void ScalesOutByOneWhenMoreThan50RequestsArriveInTenMinutes()
    {
        AssertRequestQueueAlarm("test-gas-ann-scale-out", "GreaterThanThreshold", 50);
        var policy = WebFarm.PolicyOf("test-gas-ann-scale-out");
        Assert.AreEqual("SimpleScaling", (string?)policy["PolicyType"]);
        Assert.AreEqual("ChangeInCapacity", (string?)policy["AdjustmentType"]);
        Assert.AreEqual(1, (int?)policy["ScalingAdjustment"]);
        Assert.AreEqual(AnnotatorGroupId(), ReferencedId(policy["AutoScalingGroupName"]));
    }

    [TestMethod]
    public void ScalesInByOneWhenFewerThan5RequestsArriveInTenMinutes()
    {
        AssertRequestQueueAlarm("test-gas-ann-scale-in", "LessThanThreshold", 5);
        var policy = WebFarm.PolicyOf("test-gas-ann-scale-in");
        Assert.AreEqual("SimpleScaling", (string?)policy["PolicyType"]);
        Assert.AreEqual(-1, (int?)policy["ScalingAdjustment"]);
        Assert.AreEqual(AnnotatorGroupId(), ReferencedId(policy["AutoScalingGroupName"]));
    }

    [TestMethod]
    public void AcceptsNoInboundTraffic()
    {
        var (id, group) = ResourceWith("AWS::EC2::SecurityGroup", "GroupName", "test-gas-ann");
        Assert.IsNull(group["SecurityGroupIngress"]);
        Assert.IsFalse(Resources("AWS::EC2::SecurityGroupIngress").Any(rule => ReferencedId(rule.Properties["GroupId"]) == id));
        var egress = group["SecurityGroupEgress"]!.AsArray().Single()!;
        Assert.AreEqual(443, (int?)egress["FromPort"], "HTTPS to AWS APIs is all an annotator needs");
    }

    private static void AssertRequestQueueAlarm(string alarmName, string comparison, double threshold)
    {
        var (_, alarm) = ResourceWith("AWS::CloudWatch::Alarm", "AlarmName", alarmName);
        Assert.AreEqual("AWS/SQS", (string?)alarm["Namespace"]);
        Assert.AreEqual("NumberOfMessagesSent", (string?)alarm["MetricName"]);
        Assert.AreEqual("Sum", (string?)alarm["Statistic"]);
        Assert.AreEqual(600, (int?)alarm["Period"]);
        Assert.AreEqual(1, (int?)alarm["EvaluationPeriods"]);
        Assert.AreEqual(comparison, (string?)alarm["ComparisonOperator"]);
        Assert.AreEqual(threshold, (double?)alarm["Threshold"]);
        var dimension = alarm["Dimensions"]!.AsArray().Single()!;
        Assert.AreEqual("QueueName", (string?)dimension["Name"]);
        var requestQueue = ResourceWith("AWS::SQS::Queue", "QueueName", "test-gas-job-requests").Id;
        Assert.AreEqual(requestQueue, ReferencedId(dimension["Value"]));
    }

    private static string AnnotatorGroupId() => ResourceWith("AWS::AutoScaling::AutoScalingGroup", "AutoScalingGroupName", GroupName).Id;
}
