namespace Wallet.Verifier.Webhooks;

/// <summary>Where a webhook delivery stands. The numbers are what the outbox persists and never change.</summary>
internal enum WebhookDeliveryState
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending = 0,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 1,

    /// <summary>Every attempt failed, or the relying party no longer has a webhook; visible in health and metrics.</summary>
    DeadLetter = 2,
}
