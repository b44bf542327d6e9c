namespace Wallet.Verifier.LiveResults;

/// <summary>The default <see cref="ITransactionChangeNotifier"/>: subscribers of this process only.</summary>
internal sealed class InProcessTransactionChangeNotifier : ITransactionChangeNotifier
{
    private readonly Dictionary<string, List<Subscription>> _subscriptions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Publish(string transactionId)
    {
        List<Subscription>? waiting;
        lock (_gate)
        {
            if (!_subscriptions.Remove(transactionId, out waiting))
            {
                return;
            }
        }

        foreach (var subscription in waiting)
        {
            subscription.Fire();
        }
    }

    public IDisposable Subscribe(string transactionId, Action changed)
    {
        ArgumentNullException.ThrowIfNull(transactionId);
        ArgumentNullException.ThrowIfNull(changed);
        var subscription = new Subscription(this, transactionId, changed);
        lock (_gate)
        {
            if (!_subscriptions.TryGetValue(transactionId, out var list))
            {
                _subscriptions[transactionId] = list = [];
            }

            list.Add(subscription);
        }

        return subscription;
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            if (_subscriptions.TryGetValue(subscription.TransactionId, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                _subscriptions.Remove(subscription.TransactionId);
            }
        }
    }

    private sealed class Subscription(InProcessTransactionChangeNotifier owner, string transactionId, Action changed) : IDisposable
    {
        private int _done;

        public string TransactionId => transactionId;

        public void Fire()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                changed();
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                owner.Remove(this);
            }
        }
    }
}
