namespace Gas.Core.Storage;

/// <summary>
/// The rule for browser uploads that never became a job: they expire a day after they arrive. The embedded store's sweep
/// and the inputs bucket's S3 lifecycle rule (in <c>deploy/</c>) both read it from here. On S3 an upload carries the tag
/// <see cref="TagKey"/>=<see cref="PendingTag"/> (its form requires it) until a job claims it.
/// </summary>
public static class UnclaimedUploads
{
    /// <summary>Whole days, because S3 lifecycle rules count in days.</summary>
    public const int ExpiryDays = 1;

    public const string TagKey = "gas-upload";
    public const string PendingTag = "pending";
    public const string ClaimedTag = "claimed";

    public static TimeSpan Lifetime => TimeSpan.FromDays(ExpiryDays);

    /// <summary>The S3 <c>tagging</c> form field that marks an upload pending.</summary>
    public static string PendingTagging =>
        $"<Tagging><TagSet><Tag><Key>{TagKey}</Key><Value>{PendingTag}</Value></Tag></TagSet></Tagging>";
}
