using System.Globalization;

namespace Gas.RazorPages.Plans.TestCheckout;

/// <summary>The outcome of the local test checkout for a card, following Stripe's published test card numbers.</summary>
public sealed record CardDecision(bool Approved, string? Message)
{
    public static readonly CardDecision Approve = new(true, null);

    public static CardDecision Decline(string message) => new(false, message);
}

/// <summary>Stripe's test cards, so the local checkout behaves like Stripe's test mode without a network.</summary>
public static class TestCards
{
    private static readonly Dictionary<string, string> Declines = new(StringComparer.Ordinal)
    {
        ["4000000000000002"] = "Your card was declined.",
        ["4000000000009995"] = "Your card has insufficient funds.",
        ["4000000000009987"] = "Your card was declined (lost card).",
        ["4000000000009979"] = "Your card was declined (stolen card).",
        ["4000000000000069"] = "Your card has expired.",
        ["4000000000000127"] = "Your card's security code is incorrect.",
        ["4000000000000119"] = "An error occurred while processing your card. Try again in a little bit.",
    };

    private static readonly HashSet<string> Approvals = new(StringComparer.Ordinal)
    {
        "4242424242424242", "4000056655665556", "5555555555554444", "2223003122003222", "5200828282828210",
        "378282246310005", "6011111111111117", "3056930009020004", "3566002020360505",
    };

    public static CardDecision Evaluate(string number, string expiry, string cvc, DateTimeOffset now)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length is < 13 or > 19 || number.Any(c => !char.IsAsciiDigit(c) && c != ' ' && c != '-') || !PassesLuhn(digits))
        {
            return CardDecision.Decline("Your card number is invalid.");
        }

        if (!TryParseExpiry(expiry, out var month, out var year))
        {
            return CardDecision.Decline("Enter the expiry date as MM/YY.");
        }

        if (year < now.Year || (year == now.Year && month < now.Month))
        {
            return CardDecision.Decline("Your card's expiration date is in the past.");
        }

        if (cvc.Length is < 3 or > 4 || !cvc.All(char.IsAsciiDigit))
        {
            return CardDecision.Decline("Your card's security code is incomplete.");
        }

        if (Declines.TryGetValue(digits, out var message))
        {
            return CardDecision.Decline(message);
        }

        return Approvals.Contains(digits)
            ? CardDecision.Approve
            : CardDecision.Decline("This is a test checkout and takes only Stripe's test cards, such as 4242 4242 4242 4242. No real card is charged.");
    }

    private static bool TryParseExpiry(string expiry, out int month, out int year)
    {
        month = year = 0;
        var parts = expiry.Replace(" ", "", StringComparison.Ordinal).Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out month) || month is < 1 or > 12
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out year))
        {
            return false;
        }

        year = parts[1].Length == 2 ? 2000 + year : year;
        return year is > 2000 and < 2200;
    }

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }
}
