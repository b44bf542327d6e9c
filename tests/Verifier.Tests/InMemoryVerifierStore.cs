using Wallet.Verifier.Stores;

namespace Wallet.Verifier.Tests;

/// <summary>
/// What a host brings through <c>UseStores</c>: the four Verifier stores in memory, one lock making every change atomic.
/// Counts the calls so a test can tell that the Verifier used it and not the embedded SQLite store.
/// </summary>
public sealed class InMemoryVerifierStore : IVerifierStores, ITransactionStore, INonceStore, IEphemeralKeyStore, ITransactionEventLog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TransactionRecord> _transactions = [];
    private readonly Dictionary<string, (DateTimeOffset ExpiresAt, bool Consumed)> _nonces = [];
    private readonly Dictionary<string, (string KeyId, byte[] Pkcs8)> _keys = [];
    private readonly Dictionary<string, List<TransactionEvent>> _events = [];

    public ITransactionStore Transactions => this;

    public INonceStore Nonces => this;

    public IEphemeralKeyStore EphemeralKeys => this;

    public ITransactionEventLog Events => this;

    public int Transitions { get; private set; }

    public int ConsumedNonces { get; private set; }

    public int KeysSaved { get; private set; }

    public ValueTask CreateAsync(TransactionRecord transaction, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _transactions.Add(transaction.Id, transaction);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<TransactionRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_transactions.GetValueOrDefault(id));
        }
    }

    public ValueTask<TransactionRecord?> FindByRequestIdAsync(string requestId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_transactions.Values.FirstOrDefault(t => t.RequestId == requestId));
        }
    }

    public ValueTask<bool> TryTransitionAsync(string id, TransactionTransition transition, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_transactions.TryGetValue(id, out var current) || current.Status != transition.From)
            {
                return ValueTask.FromResult(false);
            }

            _transactions[id] = transition.IsCompletion
                ? current with { Status = transition.To, ResultJson = transition.ResultJson, ResponseCodeHash = transition.ResponseCodeHash }
                : current with { Status = transition.To };
            Transitions++;
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<IReadOnlyList<string>> ListIdsAsync(TransactionStatus status, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<string>>(_transactions.Values.Where(t => t.Status == status).Select(t => t.Id).ToArray());
        }
    }

    public ValueTask<int> PurgeAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var expired = _transactions.Values.Where(t => t.ExpiresAt < expiredBefore).ToArray();
            foreach (var transaction in expired)
            {
                _transactions.Remove(transaction.Id);
                _events.Remove(transaction.Id);
                _keys.Remove(transaction.Id);
                _nonces.Remove(transaction.Nonce);
            }

            return ValueTask.FromResult(expired.Length);
        }
    }

    public ValueTask AddAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _nonces.Add(nonce, (expiresAt, false));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> TryConsumeAsync(string nonce, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_nonces.TryGetValue(nonce, out var entry) || entry.Consumed || now >= entry.ExpiresAt)
            {
                return ValueTask.FromResult(false);
            }

            _nonces[nonce] = entry with { Consumed = true };
            ConsumedNonces++;
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask SaveAsync(string transactionId, string keyId, byte[] pkcs8, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _keys.Add(transactionId, (keyId, pkcs8));
            KeysSaved++;
        }

        return ValueTask.CompletedTask;
    }

    ValueTask<(string KeyId, byte[] Pkcs8)?> IEphemeralKeyStore.FindAsync(string transactionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<(string KeyId, byte[] Pkcs8)?>(_keys.TryGetValue(transactionId, out var key) ? key : null);
        }
    }

    public ValueTask DeleteAsync(string transactionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _keys.Remove(transactionId);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask AppendAsync(string transactionId, TransactionEvent transactionEvent, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_events.TryGetValue(transactionId, out var list))
            {
                _events[transactionId] = list = [];
            }

            list.Add(transactionEvent);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<TransactionEvent>> ListAsync(string transactionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<TransactionEvent>>(_events.TryGetValue(transactionId, out var list) ? list.ToArray() : []);
        }
    }
}
