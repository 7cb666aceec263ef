using static Gas.Tests.Deploy.SynthesizedEnvironment;

namespace Gas.Tests.Deploy;

[TestClass]
[TestCategory("Deploy")]
[DoNotParallelize]
public sealed class UtilInstance
{
    [TestMethod]
    public void IsExactlyOneInstanceThatComesBackWhenTerminated()
    {
        var (_, group) = ResourceWith("AWS::AutoScaling::AutoScalingGroup", "AutoScalingGroupName", "test-gas-util");
        Assert.AreEqual("1", (string?)group["MinSize"]);
        Assert.AreEqual("1", (string?)group["MaxSize"]);
        Assert.IsNull(group["TargetGroupARNs"]);
        Assert.IsFalse(
            Resources("AWS::AutoScaling::ScalingPolicy").Any(policy => ReferencedId(policy.Properties["AutoScalingGroupName"]) == ResourceWith("AWS::AutoScaling::AutoScalingGroup", "AutoScalingGroupName", "test-gas-util").Id),
            "the util instance does not scale");
    }

    [TestMethod]
    public void IsReplacedInPlaceWhenItsLaunchTemplateChanges()
    {
        var (id, _) = ResourceWith("AWS::AutoScaling::AutoScalingGroup", "AutoScalingGroupName", "test-gas-util");
        var update = Json["Resources"]![id]!["UpdatePolicy"]!;
        Assert.IsNull(update["AutoScalingReplacingUpdate"], "a replacing update cannot keep the group's fixed name");
        Assert.AreEqual(0, (int?)update["AutoScalingRollingUpdate"]!["MinInstancesInService"]);
    }

    [TestMethod]
    public void IsNamedWithThePrefix()
    {
        var (_, group) = ResourceWith("AWS::AutoScaling::AutoScalingGroup", "AutoScalingGroupName", "test-gas-util");
        var name = group["Tags"]!.AsArray().Single(tag => (string?)tag!["Key"] == "Name")!;
        Assert.AreEqual("test-gas-util", (string?)name["Value"]);
        Assert.IsTrue((bool?)name["PropagateAtLaunch"]);
    }

    [TestMethod]
    public void AcceptsNoInboundTraffic()
    {
        var (id, group) = ResourceWith("AWS::EC2::SecurityGroup", "GroupName", "test-gas-util");
        Assert.IsNull(group["SecurityGroupIngress"]);
        Assert.IsFalse(Resources("AWS::EC2::SecurityGroupIngress").Any(rule => ReferencedId(rule.Properties["GroupId"]) == id));
    }
}
