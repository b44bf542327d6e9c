using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Wallet.Hosting.Database;
using Wallet.Issuer.Stores.Ef;

namespace Wallet.Issuer.Tests;

/// <summary>
/// Group commit of the SQLite write queue (issue 17, specs/performance.md): the writes waiting in the queue share one
/// transaction and one commit; each runs in its own savepoint, so one that loses a consume-once race, or throws, is rolled
/// back alone; a failed commit fails every waiter; nobody waits for company when the queue is empty.
/// </summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private readonly CommitCounter _commits = new();
    private string _dataDirectory = string.Empty;
    private IssuerDatabase? _database;
    private ContextFactory _factory = null!;

    public async Task InitializeAsync()
    {
        (_dataDirectory, _) = await IssuerDatabase.NewAsync(DatabaseProvider.Sqlite);
        _database = await IssuerDatabase.OpenAsync(DatabaseProvider.Sqlite, _dataDirectory, null);
        var options = new DbContextOptionsBuilder<SqliteIssuerDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_dataDirectory, "issuer.db")}")
            .AddInterceptors(_commits)
            .Options;
        _factory = new ContextFactory(options);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Writes_waiting_behind_a_running_batch_are_committed_together_in_one_transaction()
    {
        var queue = new SqliteGroupCommit<IssuerDbContext>(_factory);
        var (blocker, release) = Blocker(queue, "first");
        await blocker.Started;

        var waiting = Enumerable.Range(0, 10).Select(i => InsertNonce(queue, $"n-{i}")).ToArray();
        release();
        await blocker.Done;
        await Task.WhenAll(waiting);

        _commits.Count.Should().Be(2, "the first batch held only the first write; the ten that queued behind it shared the second commit");
        (await NoncesAsync()).Should().BeEquivalentTo(["first", .. Enumerable.Range(0, 10).Select(i => $"n-{i}")]);
    }

    [Fact]
    public async Task A_lone_write_does_not_wait_for_company()
    {
        var queue = new SqliteGroupCommit<IssuerDbContext>(_factory);

        await InsertNonce(queue, "alone").WaitAsync(TimeSpan.FromSeconds(30));

        _commits.Count.Should().Be(1);
        (await NoncesAsync()).Should().Equal("alone");
    }

    [Fact]
    public async Task The_loser_of_a_consume_once_race_in_one_batch_is_rolled_back_alone_and_the_others_commit()
    {
        await InsertNonce(new SqliteGroupCommit<IssuerDbContext>(_factory), "shared");
        _commits.Reset();
        var queue = new SqliteGroupCommit<IssuerDbContext>(_factory);
        var (blocker, release) = Blocker(queue, "blocker");
        await blocker.Started;

        // Each racer records a credential of its own and consumes the shared nonce; only one may keep its work.
        var racers = Enumerable.Range(0, 4).Select(i => queue.RunAsync(
            async (db, ct) =>
            {
                db.Nonces.Add(new NonceEntity { Nonce = $"record-of-{i}", ExpiresAt = 1 });
                await db.SaveChangesAsync(ct);
                return await db.Nonces.Where(n => n.Nonce == "shared").ExecuteDeleteAsync(ct);
            },
            deleted => deleted == 1,
            CancellationToken.None)).ToArray();
        var bystander = InsertNonce(queue, "bystander");
        release();
        await blocker.Done;
        var outcomes = await Task.WhenAll(racers);
        await bystander;

        _commits.Count.Should().Be(2, "the racers and the bystander were one batch");
        outcomes.Should().Equal([1, 0, 0, 0], "the first racer of the batch consumed the nonce; the others saw it gone inside the same transaction");
        (await NoncesAsync()).Should().BeEquivalentTo(["blocker", "record-of-0", "bystander"], "the losers' records were rolled back to their savepoints, the rest committed");
    }

    [Fact]
    public async Task A_write_that_throws_fails_alone_and_the_others_of_its_batch_commit()
    {
        var queue = new SqliteGroupCommit<IssuerDbContext>(_factory);
        var (blocker, release) = Blocker(queue, "blocker");
        await blocker.Started;

        var before = InsertNonce(queue, "before");
        var failing = queue.RunAsync<int>(
            async (db, ct) =>
            {
                db.Nonces.Add(new NonceEntity { Nonce = "half-done", ExpiresAt = 1 });
                await db.SaveChangesAsync(ct);
                throw new InvalidOperationException("the write failed after its first statement (test)");
            },
            null,
            CancellationToken.None);
        var after = InsertNonce(queue, "after");
        release();
        await blocker.Done;

        await FluentActions.Awaiting(() => failing).Should().ThrowAsync<InvalidOperationException>().WithMessage("*test*");
        await before;
        await after;
        _commits.Count.Should().Be(2);
        (await NoncesAsync()).Should().BeEquivalentTo(["blocker", "before", "after"], "the failed write's insert was rolled back to its savepoint, nothing of it is left half done");
    }

    [Fact]
    public async Task A_failing_commit_fails_every_waiter_of_the_batch_and_writes_nothing()
    {
        var queue = new SqliteGroupCommit<IssuerDbContext>(_factory);
        var (blocker, release) = Blocker(queue, "blocker");
        await blocker.Started;

        var waiting = Enumerable.Range(0, 5).Select(i => InsertNonce(queue, $"lost-{i}")).ToArray();
        _commits.FailAfter = 1;
        release();
        await blocker.Done;
        foreach (var write in waiting)
        {
            await FluentActions.Awaiting(() => write).Should().ThrowAsync<InvalidOperationException>().WithMessage("*commit*", "no waiter is left hanging or told it succeeded");
        }

        (await NoncesAsync()).Should().Equal(["blocker"], "the failed batch was rolled back as a whole; the batch before it had committed");

        // The queue goes on after a failed batch.
        await InsertNonce(queue, "next").WaitAsync(TimeSpan.FromSeconds(30));
        (await NoncesAsync()).Should().BeEquivalentTo(["blocker", "next"]);
    }

    [Fact]
    public async Task A_write_cancelled_while_it_waits_is_not_run()
    {
        var queue = new SqliteGroupCommit<IssuerDbContext>(_factory);
        var (blocker, release) = Blocker(queue, "blocker");
        await blocker.Started;
        using var cancel = new CancellationTokenSource();

        var cancelled = InsertNonce(queue, "cancelled", cancel.Token);
        var kept = InsertNonce(queue, "kept");
        await cancel.CancelAsync();
        release();
        await blocker.Done;

        await FluentActions.Awaiting(() => cancelled).Should().ThrowAsync<OperationCanceledException>();
        await kept;
        (await NoncesAsync()).Should().BeEquivalentTo(["blocker", "kept"]);
    }

    [Fact]
    public async Task A_batch_takes_at_most_its_bound_of_writes()
    {
        var queue = new SqliteGroupCommit<IssuerDbContext>(_factory, maxBatch: 4);
        var (blocker, release) = Blocker(queue, "blocker");
        await blocker.Started;

        var waiting = Enumerable.Range(0, 10).Select(i => InsertNonce(queue, $"n-{i}")).ToArray();
        release();
        await blocker.Done;
        await Task.WhenAll(waiting);

        _commits.Count.Should().Be(4, "1 (the blocker) + 4 + 4 + 2");
    }

    // A write that holds its batch open until released, so that the next writes queue behind it.
    private static ((Task Started, Task Done) Blocker, Action Release) Blocker(SqliteGroupCommit<IssuerDbContext> queue, string nonce)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = queue.RunAsync(
            async (db, ct) =>
            {
                started.SetResult();
                await release.Task;
                db.Nonces.Add(new NonceEntity { Nonce = nonce, ExpiresAt = 1 });
                return await db.SaveChangesAsync(ct);
            },
            null,
            CancellationToken.None);
        return ((started.Task, done), () => release.SetResult());
    }

    private static Task<int> InsertNonce(SqliteGroupCommit<IssuerDbContext> queue, string nonce, CancellationToken cancellationToken = default) =>
        queue.RunAsync(
            (db, ct) =>
            {
                db.Nonces.Add(new NonceEntity { Nonce = nonce, ExpiresAt = 1 });
                return db.SaveChangesAsync(ct);
            },
            null,
            cancellationToken);

    private async Task<List<string>> NoncesAsync()
    {
        await using var db = _factory.CreateDbContext();
        return await db.Nonces.AsNoTracking().Select(n => n.Nonce).ToListAsync();
    }

    private sealed class ContextFactory(DbContextOptions<SqliteIssuerDbContext> options) : IDbContextFactory<IssuerDbContext>
    {
        public IssuerDbContext CreateDbContext() => new SqliteIssuerDbContext(options);
    }

    /// <summary>Counts committed transactions; can make the next commit fail as a full disk would.</summary>
    private sealed class CommitCounter : DbTransactionInterceptor
    {
        private readonly ConcurrentBag<DbTransaction> _committed = [];

        /// <summary>How many commits succeed before one fails; negative: none fails.</summary>
        public int FailAfter { get; set; } = -1;

        public int Count => _committed.Count;

        public void Reset() => _committed.Clear();

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (FailAfter == 0)
            {
                FailAfter = -1;
                throw new InvalidOperationException("The commit failed (test).");
            }

            if (FailAfter > 0)
            {
                FailAfter--;
            }

            return ValueTask.FromResult(result);
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            _committed.Add(transaction);
            return Task.CompletedTask;
        }
    }
}
