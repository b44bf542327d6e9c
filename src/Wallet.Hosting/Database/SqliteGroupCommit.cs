using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Wallet.Hosting.Database;

/// <summary>
/// Runs a process's writes to one SQLite database with group commit: the writes waiting in the queue run one after the
/// other in ONE database transaction, so one commit (one fsync) serves many requests; each write runs inside its own
/// savepoint, so a write that throws, or whose result says it lost a race, is rolled back alone.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time, and every commit is synced to disk (≈ 3.5 ms on the reference machine): with one
/// transaction per write the queue was saturated at ≈ 280 commits/s (specs/performance.md, "Ceiling and distance").
/// A writer's task completes only after the batch committed, so nothing a request reports as done can still be rolled
/// back; a failed commit fails every write of the batch with its exception. The first writer of an empty queue does not
/// wait for company: the batch starts at once with whatever is queued, up to <see cref="MaxBatch"/> writes.
/// </remarks>
/// <typeparam name="TContext">The service's context.</typeparam>
internal sealed class SqliteGroupCommit<TContext>(IDbContextFactory<TContext> factory, int maxBatch = 64)
    where TContext : DbContext
{
    private const string Savepoint = "group_commit_write";
    private readonly Lock _lock = new();
    private readonly Queue<PendingWrite> _queue = new();
    private bool _draining;

    /// <summary>The most writes one transaction takes.</summary>
    public int MaxBatch { get; } = maxBatch > 0 ? maxBatch : throw new ArgumentOutOfRangeException(nameof(maxBatch));

    /// <summary>
    /// Queues <paramref name="write"/>. It runs on a context of its own that shares the batch's connection and
    /// transaction, so it must not begin or commit a transaction itself (savepoints are fine). When
    /// <paramref name="keep"/> returns false for its result, its changes are rolled back and the result is still returned.
    /// </summary>
    /// <returns>The write's result, once the batch it ran in has committed.</returns>
    public Task<T> RunAsync<T>(Func<TContext, CancellationToken, Task<T>> write, Func<T, bool>? keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var pending = new PendingWrite<T>(write, keep, cancellationToken);
        bool start;
        lock (_lock)
        {
            _queue.Enqueue(pending);
            start = !_draining;
            _draining = true;
        }

        if (start)
        {
            // Off the caller's thread: Microsoft.Data.Sqlite completes synchronously, and the caller should not carry
            // the batches queued behind its own.
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        return pending.Task;
    }

    private async Task DrainAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (true)
        {
            batch.Clear();
            lock (_lock)
            {
                while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                if (batch.Count == 0)
                {
                    _draining = false;
                    return;
                }
            }

            await RunBatchAsync(batch).ConfigureAwait(false);
        }
    }

    // Never throws: every write of the batch ends with its own outcome, the batch's failure, or its cancellation.
#pragma warning disable CA1031 // Whatever ends the batch is handed to its waiters; none may be left hanging.
    private async Task RunBatchAsync(List<PendingWrite> batch)
    {
        var ran = new List<PendingWrite>(batch.Count);
        try
        {
            await using var owner = await factory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
            await owner.Database.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            await using var transaction = await owner.Database.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
            var connection = owner.Database.GetDbConnection();
            var shared = transaction.GetDbTransaction();
            foreach (var pending in batch)
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Cancel();
                    continue;
                }

                if (await RunOneAsync(pending, connection, shared).ConfigureAwait(false))
                {
                    ran.Add(pending);
                }
            }

            if (ran.Count > 0)
            {
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            foreach (var pending in batch)
            {
                pending.Fail(e);
            }

            return;
        }

        foreach (var pending in ran)
        {
            pending.Complete();
        }
    }

    // True when the write ran to a result (kept or rolled back to its savepoint) that waits for the commit; false when it
    // threw (its waiter already has the exception). A savepoint that cannot be rolled back throws: the batch is lost.
    private async Task<bool> RunOneAsync(PendingWrite pending, DbConnection connection, DbTransaction shared)
    {
        await using var db = await factory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
        db.Database.SetDbConnection(connection, contextOwnsConnection: false);
        await db.Database.UseTransactionAsync(shared, CancellationToken.None).ConfigureAwait(false);
        await shared.SaveAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
        bool keep;
        try
        {
            keep = await pending.ExecuteAsync(db).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            pending.Fail(e);
            await shared.RollbackAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
            await shared.ReleaseAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
            return false;
        }
        finally
        {
            await db.Database.UseTransactionAsync(null, CancellationToken.None).ConfigureAwait(false);
        }

        if (!keep)
        {
            await shared.RollbackAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
        }

        await shared.ReleaseAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
#pragma warning restore CA1031

    private abstract class PendingWrite(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        public abstract Task<bool> ExecuteAsync(TContext db);

        public abstract void Complete();

        public abstract void Fail(Exception exception);

        public abstract void Cancel();
    }

    private sealed class PendingWrite<T>(Func<TContext, CancellationToken, Task<T>> write, Func<T, bool>? keep, CancellationToken cancellationToken)
        : PendingWrite(cancellationToken)
    {
        private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _outcome.Task;

        public override async Task<bool> ExecuteAsync(TContext db)
        {
            _result = await write(db, CancellationToken).ConfigureAwait(false);
            return keep?.Invoke(_result) ?? true;
        }

        public override void Complete() => _outcome.TrySetResult(_result);

        public override void Fail(Exception exception)
        {
            if (exception is OperationCanceledException canceled && canceled.CancellationToken == CancellationToken)
            {
                _outcome.TrySetCanceled(CancellationToken);
                return;
            }

            _outcome.TrySetException(exception);
        }

        public override void Cancel() => _outcome.TrySetCanceled(CancellationToken);
    }
}
