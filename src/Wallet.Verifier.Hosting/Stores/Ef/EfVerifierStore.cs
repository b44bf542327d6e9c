using Microsoft.EntityFrameworkCore;
using Wallet.Hosting.Database;

namespace Wallet.Verifier.Stores.Ef;

/// <summary>
/// EF Core implementation of the Verifier's narrow stores, on SQLite or PostgreSQL. Consume-once operations are single
/// conditional <c>UPDATE</c> statements whose affected-row count decides the winner, so concurrent requests cannot both
/// succeed, whether they run in this process or in another instance on the same PostgreSQL database.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time. Left to itself, a second writer gets SQLITE_BUSY and Microsoft.Data.Sqlite retries
/// after sleeping 150 ms, which put 300–900 ms on the 95th–99th percentile of the load test (specs/performance.md);
/// writes from this process therefore queue in process instead, and the waiting ones commit together (group commit,
/// <see cref="SqliteGroupCommit{TContext}"/>: one fsync for many requests, each write in its own savepoint). Reads (WAL) are not gated. PostgreSQL locks rows,
/// not the database, and instances share it: it gets no gate, its atomicity is the statements' own.
/// </remarks>
internal sealed partial class EfVerifierStore(VerifierDbContextFactory contexts)
    : ITransactionStore, ITransactionEventLog, INonceStore, IEphemeralKeyStore
{
    private const string CountSavepoint = "usage_counts";
    private readonly SqliteGroupCommit<VerifierDbContext>? _commits = contexts.IsSqlite ? new(contexts) : null;

    public ValueTask CreateAsync(TransactionRecord transaction, CancellationToken cancellationToken) =>
        Done(WriteAsync(
            (db, ct) =>
            {
                db.Transactions.Add(ToEntity(transaction));
                return db.SaveChangesAsync(ct);
            },
            cancellationToken));

    /// <summary>
    /// Creates <paramref name="transaction"/> with its nonce, its ephemeral key (when given), its <c>created</c> event
    /// and, through <paramref name="count"/>, its usage count, in one database transaction: one write where there were
    /// five. A failing count is rolled back alone (to a savepoint) and never fails the creation.
    /// </summary>
    internal ValueTask CreateAsync(TransactionRecord transaction, (string KeyId, byte[] Pkcs8)? key, TransactionEvent created, Func<Func<Func<VerifierDbContext, Task>, ValueTask>, ValueTask>? count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(created);
        return Done(WriteAsync(
            async (db, ct) =>
            {
                if (key is { } k)
                {
                    db.EphemeralKeys.Add(new EphemeralKeyEntity { TransactionId = transaction.Id, KeyId = k.KeyId, Pkcs8 = k.Pkcs8 });
                }

                db.Nonces.Add(new NonceEntity { Value = transaction.Nonce, ExpiresAt = transaction.ExpiresAt.ToUnixTimeMilliseconds() });
                db.Transactions.Add(ToEntity(transaction));
                db.Events.Add(ToEntity(transaction.Id, created));
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                if (count is not null)
                {
                    await count(upsert => CountInTransactionAsync(db, upsert)).ConfigureAwait(false);
                }

                return true;
            },
            _ => true,
            cancellationToken));
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
        return await WriteAsync((db, ct) => ApplyAsync(db, id, transition, ct), cancellationToken).ConfigureAwait(false) == 1;
    }

    public async ValueTask<IReadOnlyList<string>> ListIdsAsync(TransactionStatus status, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Transactions.AsNoTracking().Where(t => t.Status == (int)status).Select(t => t.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<int> PurgeAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken)
    {
        var cutoff = expiredBefore.ToUnixTimeMilliseconds();
        return WriteAsync(
            async (db, ct) =>
            {
                var ids = db.Transactions.Where(t => t.ExpiresAt < cutoff).Select(t => t.Id);
                await db.Events.Where(e => ids.Contains(e.TransactionId)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                await db.WebhookDeliveries.Where(d => ids.Contains(d.TransactionId) && d.State != (int)Webhooks.WebhookDeliveryState.Pending).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                await db.EphemeralKeys.Where(k => ids.Contains(k.TransactionId)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                await db.Nonces.Where(n => n.ExpiresAt < cutoff).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                return await db.Transactions.Where(t => t.ExpiresAt < cutoff).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public ValueTask AppendAsync(string transactionId, TransactionEvent transactionEvent, CancellationToken cancellationToken) =>
        AppendManyAsync(transactionId, [transactionEvent], cancellationToken);

    /// <summary>Appends <paramref name="transactionEvents"/> in one write (a response's validation steps).</summary>
    internal ValueTask AppendManyAsync(string transactionId, IReadOnlyList<TransactionEvent> transactionEvents, CancellationToken cancellationToken) =>
        Done(WriteAsync(
            (db, ct) =>
            {
                db.Events.AddRange(transactionEvents.Select(e => ToEntity(transactionId, e)));
                return db.SaveChangesAsync(ct);
            },
            cancellationToken));

    /// <summary>
    /// <see cref="TryTransitionAsync(string, TransactionTransition, CancellationToken)"/> and, if it moved the transaction,
    /// <paramref name="logged"/> appended in the same database transaction: one write where there were two.
    /// </summary>
    internal ValueTask<bool> TryTransitionAsync(string id, TransactionTransition transition, TransactionEvent logged, CancellationToken cancellationToken) =>
        TryTransitionAsync(id, transition, [logged], deleteKey: false, count: null, cancellationToken);

    /// <summary>
    /// <see cref="TryTransitionAsync(string, TransactionTransition, CancellationToken)"/> and, only if it moved the
    /// transaction and in the same database transaction: <paramref name="logged"/> appended, the ephemeral key deleted
    /// (<paramref name="deleteKey"/>) and the usage counts written through <paramref name="count"/> (a failing count is
    /// rolled back alone). One write where there were up to four.
    /// </summary>
    internal ValueTask<bool> TryTransitionAsync(string id, TransactionTransition transition, IReadOnlyList<TransactionEvent> logged, bool deleteKey, Func<Func<Func<VerifierDbContext, Task>, ValueTask>, ValueTask>? count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        ArgumentNullException.ThrowIfNull(logged);
        return WriteAsync(
            async (db, ct) =>
            {
                if (await ApplyAsync(db, id, transition, ct).ConfigureAwait(false) != 1)
                {
                    return false;
                }

                if (deleteKey)
                {
                    await db.EphemeralKeys.Where(k => k.TransactionId == id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                }

                if (logged.Count > 0)
                {
                    db.Events.AddRange(logged.Select(e => ToEntity(id, e)));
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                }

                if (count is not null)
                {
                    await count(upsert => CountInTransactionAsync(db, upsert)).ConfigureAwait(false);
                }

                return true;
            },
            moved => moved,
            cancellationToken);
    }

    public async ValueTask<IReadOnlyList<TransactionEvent>> ListAsync(string transactionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var events = await db.Events.AsNoTracking().Where(e => e.TransactionId == transactionId).OrderBy(e => e.Sequence).ToListAsync(cancellationToken).ConfigureAwait(false);
        return events.Select(e => new TransactionEvent(DateTimeOffset.FromUnixTimeMilliseconds(e.At), e.Type, e.Detail)).ToArray();
    }

    public ValueTask AddAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Done(WriteAsync(
            (db, ct) =>
            {
                db.Nonces.Add(new NonceEntity { Value = nonce, ExpiresAt = expiresAt.ToUnixTimeMilliseconds() });
                return db.SaveChangesAsync(ct);
            },
            cancellationToken));

    public async ValueTask<bool> TryConsumeAsync(string nonce, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var updated = await WriteAsync(
            (db, ct) => db.Nonces
                .Where(n => n.Value == nonce && !n.Consumed && n.ExpiresAt > nowMs)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.Consumed, true), ct),
            cancellationToken).ConfigureAwait(false);
        return updated == 1;
    }

    public ValueTask SaveAsync(string transactionId, string keyId, byte[] pkcs8, CancellationToken cancellationToken) =>
        Done(WriteAsync(
            (db, ct) =>
            {
                db.EphemeralKeys.Add(new EphemeralKeyEntity { TransactionId = transactionId, KeyId = keyId, Pkcs8 = pkcs8 });
                return db.SaveChangesAsync(ct);
            },
            cancellationToken));

    async ValueTask<(string KeyId, byte[] Pkcs8)?> IEphemeralKeyStore.FindAsync(string transactionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await db.EphemeralKeys.AsNoTracking().FirstOrDefaultAsync(k => k.TransactionId == transactionId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : (entity.KeyId, entity.Pkcs8);
    }

    public ValueTask DeleteAsync(string transactionId, CancellationToken cancellationToken) =>
        Done(WriteAsync((db, ct) => db.EphemeralKeys.Where(k => k.TransactionId == transactionId).ExecuteDeleteAsync(ct), cancellationToken));

    /// <summary>
    /// Runs <paramref name="write"/> on a context of this database in its turn in the write queue: another writer to the
    /// same SQLite file (the usage counters) would otherwise meet SQLITE_BUSY and the 150 ms retry sleep.
    /// </summary>
    internal async ValueTask RunWriteAsync(Func<VerifierDbContext, Task> write) =>
        // Not cancellable: the callers count events that have happened.
        await WriteAsync(
            async (db, _) =>
            {
                await write(db).ConfigureAwait(false);
                return true;
            },
            CancellationToken.None).ConfigureAwait(false);

    // A usage count inside a write's own transaction: statistics never decide the outcome, so a failed upsert is undone
    // alone (PostgreSQL would otherwise abort the whole transaction); the counter logs it.
    private static async ValueTask CountInTransactionAsync(VerifierDbContext db, Func<VerifierDbContext, Task> upsert)
    {
        var transaction = db.Database.CurrentTransaction!;
        await transaction.CreateSavepointAsync(CountSavepoint, CancellationToken.None).ConfigureAwait(false);
        try
        {
            await upsert(db).ConfigureAwait(false);
            await transaction.ReleaseSavepointAsync(CountSavepoint, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            await transaction.RollbackToSavepointAsync(CountSavepoint, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    // The ValueTask of a write whose result the caller does not need.
    private static async ValueTask Done<T>(ValueTask<T> write) => await write.ConfigureAwait(false);

    // SQLite: the group-commit queue (each write in its own savepoint of the batch's transaction). PostgreSQL: at once, on
    // a context of its own; single statements are atomic there, and a write with keep gets its own transaction.
    private ValueTask<T> WriteAsync<T>(Func<VerifierDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken) =>
        _commits is not null ? new(_commits.RunAsync(write, keep: null, cancellationToken)) : DirectAsync(write, keep: null, cancellationToken);

    private ValueTask<T> WriteAsync<T>(Func<VerifierDbContext, CancellationToken, Task<T>> write, Func<T, bool> keep, CancellationToken cancellationToken) =>
        _commits is not null ? new(_commits.RunAsync(write, keep, cancellationToken)) : DirectAsync(write, keep, cancellationToken);

    private async ValueTask<T> DirectAsync<T>(Func<VerifierDbContext, CancellationToken, Task<T>> write, Func<T, bool>? keep, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (keep is null)
        {
            return await write(db, cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await write(db, cancellationToken).ConfigureAwait(false);
        if (keep(result))
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private static TransactionEventEntity ToEntity(string transactionId, TransactionEvent e) =>
        new() { TransactionId = transactionId, At = e.At.ToUnixTimeMilliseconds(), Type = e.Type, Detail = e.Detail };

    private static Task<int> ApplyAsync(VerifierDbContext db, string id, TransactionTransition transition, CancellationToken cancellationToken)
    {
        var current = db.Transactions.Where(t => t.Id == id && t.Status == (int)transition.From);
        return transition.IsCompletion
            ? current.ExecuteUpdateAsync(
                s => s.SetProperty(t => t.Status, (int)transition.To).SetProperty(t => t.ResultJson, transition.ResultJson).SetProperty(t => t.ResponseCodeHash, transition.ResponseCodeHash),
                cancellationToken)
            : current.ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, (int)transition.To), cancellationToken);
    }

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
