using Microsoft.EntityFrameworkCore;

namespace Wallet.Verifier.Stores.Ef;

/// <summary>
/// EF Core implementation of the Verifier's narrow stores, on SQLite or PostgreSQL. Consume-once operations are single
/// conditional <c>UPDATE</c> statements whose affected-row count decides the winner, so concurrent requests cannot both
/// succeed, whether they run in this process or in another instance on the same PostgreSQL database.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time. Left to itself, a second writer gets SQLITE_BUSY and Microsoft.Data.Sqlite retries
/// after sleeping 150 ms, which put 300–900 ms on the 95th–99th percentile of the load test (specs/performance.md);
/// writes from this process therefore queue on the write gate instead. Reads (WAL) are not gated. PostgreSQL locks rows,
/// not the database, and instances share it: it gets no gate, its atomicity is the statements' own.
/// </remarks>
internal sealed partial class EfVerifierStore(VerifierDbContextFactory contexts) : ITransactionStore, ITransactionEventLog, INonceStore, IEphemeralKeyStore, IDisposable
{
    private readonly SemaphoreSlim? _writeGate = contexts.IsSqlite ? new(1, 1) : null;

    public void Dispose() => _writeGate?.Dispose();

    public async ValueTask CreateAsync(TransactionRecord transaction, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            db.Transactions.Add(ToEntity(transaction));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    public async ValueTask<TransactionRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await db.Transactions.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToRecord(entity);
    }

    public async ValueTask<TransactionRecord?> FindByRequestIdAsync(string requestId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await db.Transactions.AsNoTracking().FirstOrDefaultAsync(t => t.RequestId == requestId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToRecord(entity);
    }

    public async ValueTask<bool> TryTransitionAsync(string id, TransactionTransition transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            return await ApplyAsync(db, id, transition, cancellationToken).ConfigureAwait(false) == 1;
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    public async ValueTask<IReadOnlyList<string>> ListIdsAsync(TransactionStatus status, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Transactions.AsNoTracking().Where(t => t.Status == (int)status).Select(t => t.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<int> PurgeAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var cutoff = expiredBefore.ToUnixTimeMilliseconds();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var ids = db.Transactions.Where(t => t.ExpiresAt < cutoff).Select(t => t.Id);
            await db.Events.Where(e => ids.Contains(e.TransactionId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.WebhookDeliveries.Where(d => ids.Contains(d.TransactionId) && d.State != (int)Webhooks.WebhookDeliveryState.Pending).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.EphemeralKeys.Where(k => ids.Contains(k.TransactionId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.Nonces.Where(n => n.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            return await db.Transactions.Where(t => t.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    public async ValueTask AppendAsync(string transactionId, TransactionEvent transactionEvent, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            db.Events.Add(new TransactionEventEntity { TransactionId = transactionId, At = transactionEvent.At.ToUnixTimeMilliseconds(), Type = transactionEvent.Type, Detail = transactionEvent.Detail });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    /// <summary>Appends <paramref name="transactionEvents"/> in one write (a response's validation steps).</summary>
    internal async ValueTask AppendManyAsync(string transactionId, IReadOnlyList<TransactionEvent> transactionEvents, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            db.Events.AddRange(transactionEvents.Select(e => new TransactionEventEntity { TransactionId = transactionId, At = e.At.ToUnixTimeMilliseconds(), Type = e.Type, Detail = e.Detail }));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    /// <summary>
    /// <see cref="TryTransitionAsync(string, TransactionTransition, CancellationToken)"/> and, if it moved the transaction,
    /// <paramref name="logged"/> appended in the same database transaction: one write where there were two.
    /// </summary>
    internal async ValueTask<bool> TryTransitionAsync(string id, TransactionTransition transition, TransactionEvent logged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (await ApplyAsync(db, id, transition, cancellationToken).ConfigureAwait(false) != 1)
            {
                return false;
            }

            db.Events.Add(new TransactionEventEntity { TransactionId = id, At = logged.At.ToUnixTimeMilliseconds(), Type = logged.Type, Detail = logged.Detail });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    public async ValueTask<IReadOnlyList<TransactionEvent>> ListAsync(string transactionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var events = await db.Events.AsNoTracking().Where(e => e.TransactionId == transactionId).OrderBy(e => e.Sequence).ToListAsync(cancellationToken).ConfigureAwait(false);
        return events.Select(e => new TransactionEvent(DateTimeOffset.FromUnixTimeMilliseconds(e.At), e.Type, e.Detail)).ToArray();
    }

    public async ValueTask AddAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            db.Nonces.Add(new NonceEntity { Value = nonce, ExpiresAt = expiresAt.ToUnixTimeMilliseconds() });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    public async ValueTask<bool> TryConsumeAsync(string nonce, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var nowMs = now.ToUnixTimeMilliseconds();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var updated = await db.Nonces
                .Where(n => n.Value == nonce && !n.Consumed && n.ExpiresAt > nowMs)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.Consumed, true), cancellationToken)
                .ConfigureAwait(false);
            return updated == 1;
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    public async ValueTask SaveAsync(string transactionId, string keyId, byte[] pkcs8, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            db.EphemeralKeys.Add(new EphemeralKeyEntity { TransactionId = transactionId, KeyId = keyId, Pkcs8 = pkcs8 });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    async ValueTask<(string KeyId, byte[] Pkcs8)?> IEphemeralKeyStore.FindAsync(string transactionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await db.EphemeralKeys.AsNoTracking().FirstOrDefaultAsync(k => k.TransactionId == transactionId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : (entity.KeyId, entity.Pkcs8);
    }

    public async ValueTask DeleteAsync(string transactionId, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await db.EphemeralKeys.Where(k => k.TransactionId == transactionId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> on a context of this database in its turn at the write gate: another writer to the
    /// same SQLite file (the usage counters) would otherwise meet SQLITE_BUSY and the 150 ms retry sleep.
    /// </summary>
    internal async ValueTask RunWriteAsync(Func<VerifierDbContext, Task> write)
    {
        // Not cancellable: the callers count events that have happened.
        await EnterWriteAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
            await write(db).ConfigureAwait(false);
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    private static Task<int> ApplyAsync(VerifierDbContext db, string id, TransactionTransition transition, CancellationToken cancellationToken)
    {
        var current = db.Transactions.Where(t => t.Id == id && t.Status == (int)transition.From);
        return transition.IsCompletion
            ? current.ExecuteUpdateAsync(
                s => s.SetProperty(t => t.Status, (int)transition.To).SetProperty(t => t.ResultJson, transition.ResultJson).SetProperty(t => t.ResponseCodeHash, transition.ResponseCodeHash),
                cancellationToken)
            : current.ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, (int)transition.To), cancellationToken);
    }

    private Task EnterWriteAsync(CancellationToken cancellationToken) => _writeGate?.WaitAsync(cancellationToken) ?? Task.CompletedTask;

    private static TransactionEntity ToEntity(TransactionRecord t) => new()
    {
        Id = t.Id,
        RequestId = t.RequestId,
        RelyingPartyId = t.RelyingPartyId,
        CreatedAt = t.CreatedAt.ToUnixTimeMilliseconds(),
        ExpiresAt = t.ExpiresAt.ToUnixTimeMilliseconds(),
        Status = (int)t.Status,
        ResponseMode = t.ResponseMode,
        RequestUriMethod = t.RequestUriMethod,
        ClientId = t.ClientId,
        Nonce = t.Nonce,
        State = t.State,
        DcqlQuery = t.DcqlQuery,
        TransactionData = t.TransactionData,
        RedirectUri = t.RedirectUri,
        ResponseCodeHash = t.ResponseCodeHash,
        ResultJson = t.ResultJson,
        RepresentationCheckJson = t.RepresentationCheckJson,
        MinimumLevelOfAssurance = t.MinimumLevelOfAssurance?.ToString(),
    };

    private static TransactionRecord ToRecord(TransactionEntity e) => new()
    {
        Id = e.Id,
        RequestId = e.RequestId,
        RelyingPartyId = e.RelyingPartyId,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(e.CreatedAt),
        ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(e.ExpiresAt),
        Status = (TransactionStatus)e.Status,
        ResponseMode = e.ResponseMode,
        RequestUriMethod = e.RequestUriMethod,
        ClientId = e.ClientId,
        Nonce = e.Nonce,
        State = e.State,
        DcqlQuery = e.DcqlQuery,
        TransactionData = e.TransactionData,
        RedirectUri = e.RedirectUri,
        ResponseCodeHash = e.ResponseCodeHash,
        ResultJson = e.ResultJson,
        RepresentationCheckJson = e.RepresentationCheckJson,
        MinimumLevelOfAssurance = Enum.TryParse<Wallet.Core.Trust.LevelOfAssurance>(e.MinimumLevelOfAssurance, out var level) ? level : null,
    };
}
