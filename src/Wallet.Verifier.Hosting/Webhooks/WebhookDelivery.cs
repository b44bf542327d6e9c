namespace Wallet.Verifier.Webhooks;

/// <summary>One notification in the outbox: its signed body, how often it was tried and when it is next due.</summary>
internal sealed record WebhookDelivery(
    string Id,
    string RelyingPartyId,
    string TransactionId,
    string Body,
    WebhookDeliveryState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    int? LastStatusCode);
