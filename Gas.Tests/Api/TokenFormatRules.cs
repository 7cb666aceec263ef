using System.Text.RegularExpressions;
using Gas.RazorPages.Api.Tokens;

namespace Gas.Tests.Api;

/// <summary>What a personal access token looks like and what the database keeps of it.</summary>
[TestClass]
[TestCategory("Unit")]
public sealed partial class TokenFormatRules
{
    [TestMethod]
    public void ANewTokenIsGasPrefixAndTheBase64UrlOf32RandomBytes()
    {
        var token = TokenFormat.NewToken();

        Assert.MatchesRegex(TokenPattern(), token);
        Assert.AreEqual(47, token.Length);
        Assert.HasCount(32, Convert.FromBase64String(token[4..].Replace('-', '+').Replace('_', '/') + "="));
        Assert.IsTrue(TokenFormat.IsWellFormed(token));
    }

    [TestMethod]
    public void NoTwoTokensAreAlike()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => TokenFormat.NewToken()).ToHashSet(StringComparer.Ordinal);

        Assert.HasCount(1000, tokens);
    }

    [TestMethod]
    public void TheStoredHashIsTheLowerCaseHexSha256OfTheWholeToken() =>
        // python3 -c "import hashlib; print(hashlib.sha256(b'gas_' + b'A' * 43).hexdigest())"
        Assert.AreEqual("bc55c26ccdd648ec1a9253a9e60325fe9fbdbcb2ca6f312abb4e8421baeb7dce", TokenFormat.Hash("gas_" + new string('A', 43)));

    [TestMethod]
    [DataRow("")]
    [DataRow("gas_")]
    [DataRow("ghp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [DataRow("gas_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [DataRow("gas_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [DataRow("gas_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [DataRow("gas_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [DataRow("GAS_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void ATokenOfAnyOtherShapeIsNotWellFormed(string token) =>
        Assert.IsFalse(TokenFormat.IsWellFormed(token));

    [TestMethod]
    public void ATokenNameIsTrimmedCutAndFreeOfControlCharacters()
    {
        Assert.AreEqual("nightly pipeline", PersonalAccessTokens.NormalizeName("  nightly\u0007 pipeline \n"));
        Assert.IsNull(PersonalAccessTokens.NormalizeName(" \t "));
        Assert.AreEqual(TokenFormat.MaxNameLength, PersonalAccessTokens.NormalizeName(new string('x', 300))!.Length);
    }

    [GeneratedRegex("^gas_[A-Za-z0-9_-]{43}$")]
    private static partial Regex TokenPattern();
}
