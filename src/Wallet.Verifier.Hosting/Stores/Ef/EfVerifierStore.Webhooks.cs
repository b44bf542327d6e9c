using Microsoft.EntityFrameworkCore;
using Wallet.Verifier.Webhooks;

namespace Wallet.Verifier.Stores.Ef;

/// <summary>The webhook outbox, in the Verifier database (table <c>WebhookDeliveries</c>), written through the same group-commit queue as the other writes.</summary>
internal sealed partial class EfVerifierStore : IWebhookOutbox
{
    public ValueTask EnqueueAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return Done(WriteAsync(
            (db, ct) =>
            {
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
                return db.SaveChangesAsync(ct);
            },
            cancellationToken));
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

    public ValueTask UpdateAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var next = delivery.NextAttemptAt.ToUnixTimeMilliseconds();
        return Done(WriteAsync(
            (db, ct) => db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(
                set => set.SetProperty(d => d.State, (int)delivery.State)
                    .SetProperty(d => d.Attempts, delivery.Attempts)
                    .SetProperty(d => d.NextAttemptAt, next)
                    .SetProperty(d => d.LastStatusCode, delivery.LastStatusCode),
                ct),
            cancellationToken));
    }

    public async ValueTask<int> CountAsync(WebhookDeliveryState state, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.WebhookDeliveries.CountAsync(d => d.State == (int)state, cancellationToken).ConfigureAwait(false);
    }
}
