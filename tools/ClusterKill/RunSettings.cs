using System.Globalization;

namespace Gas.ClusterKill;

/// <summary>What one run does, read from the environment (scripts/cluster-kill.sh sets it).</summary>
public sealed record RunSettings
{
    /// <summary>Jobs submitted through the web tier.</summary>
    public int Jobs { get; init; } = 30;

    /// <summary>Registered users the jobs are spread over; each submits its share one after another.</summary>
    public int Users { get; init; } = 5;

    /// <summary>A kill every this many seconds, drawn uniformly from [min, max].</summary>
    public double KillMinSeconds { get; init; } = 3;
    public double KillMaxSeconds { get; init; } = 5;

    /// <summary>
    /// How many kills the run makes in all (KILLS; by default as many as jobs, at least 20). Kills come every few seconds of
    /// wall-clock time, so on a slow or busy machine a process would do less between two kills; a budget counted in kills
    /// rather than a kill rate lasting until every job is done keeps the run's outcome from depending on the machine's
    /// speed: once it is spent the cluster must converge, and every invariant is checked as before.
    /// </summary>
    public int? KillBudget { get; init; }

    public int Kills => KillBudget ?? Math.Max(20, Jobs);

    /// <summary>How long the run may wait in each phase (start-up, submission, settling) before it gives up.</summary>
    public TimeSpan PhaseBound { get; init; } = TimeSpan.FromMinutes(15);

    public int Seed { get; init; } = Environment.TickCount;

    public required string Root { get; init; }
    public required string Configuration { get; init; }
    public required string WorkDirectory { get; init; }
    public required Uri DynamoDb { get; init; }
    public required Uri Fauxqs { get; init; }
    public required int MaildevSmtpPort { get; init; }
    public required Uri MaildevApi { get; init; }
    public required string Postgres { get; init; }

    public static RunSettings FromEnvironment()
    {
        static string Required(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new ArgumentException($"{name} is not set (scripts/cluster-kill.sh sets it).");
        static string? Optional(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
        static double Number(string value) => double.Parse(value, CultureInfo.InvariantCulture);

        var settings = new RunSettings
        {
            Root = Required("CLUSTER_ROOT"),
            Configuration = Optional("CONFIGURATION") ?? "Release",
            WorkDirectory = Required("CLUSTER_WORK"),
            DynamoDb = new Uri(Required("GAS_TEST_DYNAMODB_URL")),
            Fauxqs = new Uri(Required("GAS_TEST_FAUXQS_URL")),
            MaildevSmtpPort = int.Parse(Required("GAS_TEST_MAILDEV_SMTP_PORT"), CultureInfo.InvariantCulture),
            MaildevApi = new Uri(Required("GAS_TEST_MAILDEV_API_URL")),
            Postgres = Required("CLUSTER_POSTGRES"),
        };
        if (Optional("JOBS") is { } jobs)
        {
            settings = settings with { Jobs = int.Parse(jobs, CultureInfo.InvariantCulture) };
        }

        if (Optional("USERS") is { } users)
        {
            settings = settings with { Users = int.Parse(users, CultureInfo.InvariantCulture) };
        }

        if (Optional("KILL_EVERY") is { } every)
        {
            // "3-5" or "4"
            var parts = every.Split('-', 2);
            settings = settings with { KillMinSeconds = Number(parts[0]), KillMaxSeconds = Number(parts[^1]) };
        }

        if (Optional("KILLS") is { } kills)
        {
            settings = settings with { KillBudget = int.Parse(kills, CultureInfo.InvariantCulture) };
        }

        if (Optional("PHASE_MINUTES") is { } minutes)
        {
            settings = settings with { PhaseBound = TimeSpan.FromMinutes(Number(minutes)) };
        }

        if (Optional("SEED") is { } seed)
        {
            settings = settings with { Seed = int.Parse(seed, CultureInfo.InvariantCulture) };
        }

        if (settings.Jobs < 1 || settings.Users < 1 || settings.KillMinSeconds <= 0 || settings.KillMaxSeconds < settings.KillMinSeconds || settings.Kills < 0)
        {
            throw new ArgumentException("JOBS and USERS must be at least 1, KILLS at least 0 and KILL_EVERY a positive range such as 3-5.");
        }

        return settings;
    }
}
