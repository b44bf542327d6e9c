using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Wallet.Core.Jose;
using Wallet.Verifier.Options;
using Wallet.Verifier.Signing;
using Wallet.Verifier.Stores;

namespace Wallet.Verifier.Webhooks;

/// <summary>Queues the signed notification of a completed transaction when its relying party has a webhook.</summary>
internal sealed partial class WebhookScheduler(
    ITransactionStore transactions,
    IWebhookOutbox outbox,
    RequestSigningCredentials signing,
    WebhookSignal signal,
    IOptions<VerifierOptions> options,
    TimeProvider time,
    ILogger<WebhookScheduler> logger)
{
    /// <summary>Queues the notification for <paramref name="transactionId"/>, just completed as verified or rejected; never throws for a failed write (the result stands, the relying party can still poll).</summary>
    public async ValueTask TransactionCompletedAsync(string transactionId, bool verified, CancellationToken cancellationToken)
    {
        try
        {
            var settings = options.Value;
            var transaction = await transactions.FindAsync(transactionId, cancellationToken).ConfigureAwait(false);
            var party = transaction is null ? null : settings.RelyingParties.FirstOrDefault(p => string.Equals(p.Id, transaction.RelyingPartyId, StringComparison.Ordinal));
            if (transaction is null || party?.Webhook?.Url is null)
            {
                return;
            }

            var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
            var now = time.GetUtcNow();
            var payload = WebhookNotification.Payload(settings.PublicBaseUrl!, party.Id, now, id, transaction.Id, verified ? "verified" : "rejected", new Uri(settings.PublicBaseUrl!, $"api/presentations/{Uri.EscapeDataString(transaction.Id)}"));
            var body = JwsWriter.Sign(signing.SigningKey, WebhookNotification.Type, payload, includeCertificateChain: true);
            await outbox.EnqueueAsync(new WebhookDelivery(id, party.Id, transaction.Id, body, WebhookDeliveryState.Pending, 0, now, null), cancellationToken).ConfigureAwait(false);
            signal.Wake();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogQueueFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The webhook notification of a completed transaction could not be queued.")]
    private static partial void LogQueueFailed(ILogger logger, Exception exception);
}
