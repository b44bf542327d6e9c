namespace Wallet.Verifier.Webhooks;

/// <summary>The persisted queue of webhook deliveries, so a restart loses none.</summary>
internal interface IWebhookOutbox
{
    /// <summary>Adds a pending delivery.</summary>
    ValueTask EnqueueAsync(WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Pending deliveries due at <paramref name="now"/>, oldest first, at most <paramref name="max"/>.</summary>
    ValueTask<IReadOnlyList<WebhookDelivery>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Records the outcome of an attempt.</summary>
    ValueTask UpdateAsync(WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>How many deliveries are in <paramref name="state"/>.</summary>
    ValueTask<int> CountAsync(WebhookDeliveryState state, CancellationToken cancellationToken);
}
