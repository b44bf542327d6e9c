using System.Collections.Concurrent;

namespace Wallet.Verifier.Webhooks;

/// <summary>The outbox when a host brings its own stores (<see cref="VerifierBuilder.UseStores{TStores}()"/>): in memory, so deliveries pending at a restart are lost.</summary>
internal sealed class InMemoryWebhookOutbox : IWebhookOutbox
{
    private readonly ConcurrentDictionary<string, WebhookDelivery> _deliveries = new(StringComparer.Ordinal);

    public ValueTask EnqueueAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        _deliveries[delivery.Id] = delivery;
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<WebhookDelivery>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<WebhookDelivery>>(_deliveries.Values.Where(d => d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= now).OrderBy(d => d.NextAttemptAt).Take(max).ToList());

    public ValueTask UpdateAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        _deliveries[delivery.Id] = delivery;
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> CountAsync(WebhookDeliveryState state, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_deliveries.Values.Count(d => d.State == state));
}
