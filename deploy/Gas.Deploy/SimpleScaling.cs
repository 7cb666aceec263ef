using System.Globalization;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.JSII.Runtime.Deputy;
using Constructs;

namespace Gas.Deploy;

/// <summary>What one CloudWatch alarm watches and how the group answers it.</summary>
public sealed record ScalingRule
{
    public required string AlarmName { get; init; }
    public required string Description { get; init; }
    public required IMetric Metric { get; init; }
    public required ComparisonOperator Comparison { get; init; }
    public required double Threshold { get; init; }

    /// <summary>Instances to add (positive) or remove (negative) each time the alarm fires.</summary>
    public required int Adjustment { get; init; }

    /// <summary>The policy's own cooldown; null leaves the group's default cooldown in charge.</summary>
    public int? CooldownSeconds { get; init; }

    public TreatMissingData MissingData { get; init; } = TreatMissingData.MISSING;
}

/// <summary>
/// A "simple scaling" policy (change in capacity by a fixed step, then wait) triggered by one alarm,
/// as the specification builds them by hand. CDK's own scaling helpers make step or target-tracking
/// policies instead, so the policy is declared directly.
/// </summary>
public static class SimpleScaling
{
    public static (Alarm Alarm, CfnScalingPolicy Policy) Add(Construct scope, string id, IAutoScalingGroup group, ScalingRule rule)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(rule);

        var policy = new CfnScalingPolicy(scope, id + "Policy", new CfnScalingPolicyProps
        {
            AutoScalingGroupName = group.AutoScalingGroupName,
            PolicyType = "SimpleScaling",
            AdjustmentType = "ChangeInCapacity",
            ScalingAdjustment = rule.Adjustment,
            Cooldown = rule.CooldownSeconds?.ToString(CultureInfo.InvariantCulture),
        });

        var alarm = new Alarm(scope, id + "Alarm", new AlarmProps
        {
            AlarmName = rule.AlarmName,
            AlarmDescription = rule.Description,
            Metric = rule.Metric,
            Threshold = rule.Threshold,
            ComparisonOperator = rule.Comparison,
            EvaluationPeriods = 1,
            DatapointsToAlarm = 1,
            TreatMissingData = rule.MissingData,
            ActionsEnabled = true,
        });
        alarm.AddAlarmAction(new ScalingPolicyAction(policy));
        return (alarm, policy);
    }

    /// <summary>Points an alarm at a scaling policy's ARN (no notification, as the specification asks).</summary>
    private sealed class ScalingPolicyAction(CfnScalingPolicy policy) : DeputyBase, IAlarmAction
    {
        public IAlarmActionConfig Bind(Construct scope, IAlarm alarm) =>
            new AlarmActionConfig { AlarmActionArn = policy.Ref };
    }
}
