using Microsoft.AspNetCore.Identity;

namespace Gas.RazorPages.Accounts;

/// <summary>
/// Refuses passwords that zxcvbn estimates as guessable (score below 3 of 4), counting the user's own email address and
/// name as known words: "Password1" has every character class and is still among the first guesses.
/// </summary>
public sealed class StrongPasswordValidator : IPasswordValidator<GasUser>
{
    public const int MinimumScore = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<GasUser> manager, GasUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var score = Score(password, [user.Email, user.UserName, user.DisplayName]);
        return Task.FromResult(score >= MinimumScore
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooGuessable",
                Description = "This password is too easy to guess. Use a longer one: several unrelated words work well.",
            }));
    }

    /// <summary>zxcvbn's score, 0 (guessable at once) to 4, counting the given words and their parts as known to an attacker.</summary>
    public static int Score(string password, IEnumerable<string?> knownWords)
    {
        var known = knownWords
            .Where(word => !string.IsNullOrWhiteSpace(word))
            .SelectMany(word => word!.Split(['@', '.', ' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries).Prepend(word!))
            .ToList();
        return Zxcvbn.Zxcvbn.MatchPassword(password, known).Score;
    }
}
