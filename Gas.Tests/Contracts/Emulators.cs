namespace Gas.Tests.Contracts;

/// <summary>
/// Where scripts/emulators.sh started dynalite, fauxqs and maildev. A missing variable fails the test that needs it:
/// the AWS family is never skipped.
/// </summary>
internal static class Emulators
{
    public static Uri DynamoDb => Url("GAS_TEST_DYNAMODB_URL");
    public static Uri Fauxqs => Url("GAS_TEST_FAUXQS_URL");
    public static int MaildevSmtpPort => int.Parse(Required("GAS_TEST_MAILDEV_SMTP_PORT"), System.Globalization.CultureInfo.InvariantCulture);
    public static Uri MaildevApi => Url("GAS_TEST_MAILDEV_API_URL");

    private static Uri Url(string variable) => new(Required(variable));

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new AssertFailedException(
                $"{variable} is not set: start the emulators first (source scripts/emulators.sh; gas_emulators_install; gas_emulators_start, " +
                "or scripts/emulators.sh run dotnet test).");
}
