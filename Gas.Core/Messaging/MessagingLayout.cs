namespace Gas.Core.Messaging;

/// <summary>
/// Rules of the topic → queue layout that the application's provisioner (<c>aws provision</c>) and <c>deploy/</c> share;
/// the names and the fan-out themselves are <see cref="Configuration.MessagingOptions"/>'s defaults.
/// </summary>
public static class MessagingLayout
{
    /// <summary>SNS delivers the bare message to each queue, without its JSON envelope.</summary>
    public const bool RawMessageDelivery = true;
}
