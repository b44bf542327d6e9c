namespace Wallet.Verifier.Webhooks;

/// <summary>
/// A relying party's webhook (<c>Verifier:RelyingParties:{n}:Webhook</c>): when one of its transactions is verified or
/// rejected, the Verifier POSTs a signed notification (<c>application/jwt</c>, see <see cref="WebhookNotification"/>) to
/// <see cref="Url"/>, retrying with exponential backoff and jitter from a persisted outbox.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>Where to POST: an absolute https URL without fragment (http only on loopback).</summary>
    public Uri? Url { get; set; }

    /// <summary>Attempts before the delivery is dead-lettered: 1 to 20, default 8.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait before the second attempt; each further wait doubles (at most 1 hour), with ±20 % jitter: 1 second to 1 hour, default 10 seconds.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}
