using Microsoft.EntityFrameworkCore;
using Wallet.Verifier.Webhooks;

namespace Wallet.Verifier.Stores.Ef;

/// <summary>The webhook outbox, in the Verifier database (table <c>WebhookDeliveries</c>), behind the same write gate.</summary>
internal sealed partial class EfVerifierStore : IWebhookOutbox
{
    public async ValueTask EnqueueAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            db.WebhookDeliveries.Add(new WebhookDeliveryEntity
            {
                Id = delivery.Id,
                RelyingPartyId = delivery.RelyingPartyId,
                TransactionId = delivery.TransactionId,
                Body = delivery.Body,
                State = (int)delivery.State,
                Attempts = delivery.Attempts,
                NextAttemptAt = delivery.NextAttemptAt.ToUnixTimeMilliseconds(),
                LastStatusCode = delivery.LastStatusCode,
            });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    public async ValueTask<IReadOnlyList<WebhookDelivery>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var at = now.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var due = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.State == (int)WebhookDeliveryState.Pending && d.NextAttemptAt <= at)
            .OrderBy(d => d.NextAttemptAt)
            .Take(max)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return due.Select(d => new WebhookDelivery(d.Id, d.RelyingPartyId, d.TransactionId, d.Body, (WebhookDeliveryState)d.State, d.Attempts, DateTimeOffset.FromUnixTimeMilliseconds(d.NextAttemptAt), d.LastStatusCode)).ToList();
    }

    public async ValueTask UpdateAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var next = delivery.NextAttemptAt.ToUnixTimeMilliseconds();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(
                set => set.SetProperty(d => d.State, (int)delivery.State)
                    .SetProperty(d => d.Attempts, delivery.Attempts)
                    .SetProperty(d => d.NextAttemptAt, next)
                    .SetProperty(d => d.LastStatusCode, delivery.LastStatusCode),
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    public async ValueTask<int> CountAsync(WebhookDeliveryState state, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.WebhookDeliveries.CountAsync(d => d.State == (int)state, cancellationToken).ConfigureAwait(false);
    }
}
