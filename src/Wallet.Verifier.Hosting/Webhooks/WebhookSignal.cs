namespace Wallet.Verifier.Webhooks;

/// <summary>Wakes the <see cref="WebhookDispatcher"/> when a delivery is queued, so it need not wait for its next look at the outbox.</summary>
internal sealed class WebhookSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Wake"/>; taken before reading the outbox, so a wake in between is not missed.</summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;

    public void Wake() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
