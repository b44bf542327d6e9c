using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Wallet.Hosting.Database;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Stores.Ef;

namespace Wallet.Verifier.Tests;

/// <summary>
/// The Verifier's stores on each provider (issue 12, "Storage and many instances"): consume-once operations are atomic in
/// the database, so racing requests, in one instance or in two instances on one PostgreSQL database, succeed once.
/// </summary>
public sealed class VerifierDatabaseTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_transaction_is_stored_and_found_by_both_handles(DatabaseProvider provider)
    {
        var (data, connection) = await VerifierDatabase.NewAsync(provider);
        await using var db = await VerifierDatabase.OpenAsync(provider, data, connection);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        await db.Transactions.CreateAsync(VerifierDatabase.NewTransaction(now, "t1"), CancellationToken.None);

        (await db.Transactions.FindAsync("t1", CancellationToken.None)).Should().BeEquivalentTo(VerifierDatabase.NewTransaction(now, "t1"));
        (await db.Transactions.FindByRequestIdAsync("req-t1", CancellationToken.None))!.Id.Should().Be("t1");
        (await db.Transactions.FindAsync("unknown", CancellationToken.None)).Should().BeNull();
    }

    // OpenID4VP 1.0 §14.1.2 / specs-checklist OpenID4VP 50: the nonce binds one response; it is used once.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Racing_consumptions_of_one_request_nonce_succeed_once_OpenID4VP_14_1_2(DatabaseProvider provider)
    {
        var (data, connection) = await VerifierDatabase.NewAsync(provider);
        await using var first = await VerifierDatabase.OpenAsync(provider, data, connection);
        await using var second = await VerifierDatabase.OpenAsync(provider, data, connection);
        var now = DateTimeOffset.UtcNow;
        await first.Nonces.AddAsync("race-nonce", now.AddMinutes(5), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () => await (i % 2 == 0 ? first : second).Nonces.TryConsumeAsync("race-nonce", now, CancellationToken.None))));

        results.Count(r => r).Should().Be(1);
        (await second.Nonces.TryConsumeAsync("race-nonce", now, CancellationToken.None)).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_expired_or_unknown_nonce_is_not_consumed(DatabaseProvider provider)
    {
        var (data, connection) = await VerifierDatabase.NewAsync(provider);
        await using var db = await VerifierDatabase.OpenAsync(provider, data, connection);
        var now = DateTimeOffset.UtcNow;
        await db.Nonces.AddAsync("old", now.AddSeconds(-1), CancellationToken.None);

        (await db.Nonces.TryConsumeAsync("old", now, CancellationToken.None)).Should().BeFalse();
        (await db.Nonces.TryConsumeAsync("never-issued", now, CancellationToken.None)).Should().BeFalse();
    }

    // One response per transaction (specs/verifier.md "Transaction states"): RequestFetched → ResponseReceived once.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Racing_responses_to_one_transaction_are_accepted_once(DatabaseProvider provider)
    {
        var (data, connection) = await VerifierDatabase.NewAsync(provider);
        await using var first = await VerifierDatabase.OpenAsync(provider, data, connection);
        await using var second = await VerifierDatabase.OpenAsync(provider, data, connection);
        var now = DateTimeOffset.UtcNow;
        var transaction = VerifierDatabase.NewTransaction(now, "race");
        await first.Transactions.CreateAsync(transaction, CancellationToken.None);
        TransactionTransitions.TryMove(transaction, TransactionStatus.ResponseReceived, now, out var received, out _).Should().BeTrue();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () => await (i % 2 == 0 ? first : second).Transactions.TryTransitionAsync("race", received!, CancellationToken.None))));

        results.Count(r => r).Should().Be(1);
        (await second.Transactions.FindAsync("race", CancellationToken.None))!.Status.Should().Be(TransactionStatus.ResponseReceived);
    }

    // specs/verifier.md, "Transaction states": a response a stop left half-done is rejected at the next start, once, even
    // when several instances start together on one database (each rejection is a compare-and-swap from ResponseReceived).
    // The responses here are overdue (expired more than InterruptedResponseRecovery.OverdueAfter ago), so both providers reject them.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Instances_starting_together_reject_each_interrupted_response_once(DatabaseProvider provider)
    {
        const int Interrupted = 12;
        var (data, connection) = await VerifierDatabase.NewAsync(provider);
        await using var first = await VerifierDatabase.OpenAsync(provider, data, connection);
        await using var second = await VerifierDatabase.OpenAsync(provider, data, connection);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Interrupted; i++)
        {
            await first.Transactions.CreateAsync(VerifierDatabase.NewTransaction(now.AddMinutes(-10), $"half-done-{i}", TransactionStatus.ResponseReceived), CancellationToken.None);
        }

        await first.Transactions.CreateAsync(VerifierDatabase.NewTransaction(now, "waiting"), CancellationToken.None);

        var rejected = await Task.WhenAll(new[] { first, second }.Select(db => Task.Run(async () =>
            await db.Get<Wallet.Verifier.Transactions.InterruptedResponseRecovery>().RejectInterruptedAsync(CancellationToken.None))));

        rejected.Sum().Should().Be(Interrupted, $"each half-done response is rejected by exactly one instance ({rejected[0]} + {rejected[1]})");
        for (var i = 0; i < Interrupted; i++)
        {
            var transaction = await second.Transactions.FindAsync($"half-done-{i}", CancellationToken.None);
            transaction!.Status.Should().Be(TransactionStatus.Rejected);
            transaction.ResultJson.Should().Contain(Wallet.Verifier.Validation.VerifierErrorCodes.ProcessingInterrupted);
            (await second.Events.ListAsync($"half-done-{i}", CancellationToken.None)).Count(e => e.Type == "rejected").Should().Be(1);
        }

        (await second.Transactions.FindAsync("waiting", CancellationToken.None))!.Status.Should().Be(TransactionStatus.RequestFetched, "only responses in ResponseReceived are recovered");
    }

    // Issue 12, "no input leaves state half-done" across instances: on PostgreSQL an instance that starts while another is
    // validating a response (a rolling deployment) leaves it alone; the periodic check rejects it only once no instance can
    // still be validating it (expiry + InterruptedResponseRecovery.OverdueAfter), which also covers an instance that never restarts.
    [Fact]
    public async Task On_PostgreSQL_a_starting_instance_leaves_a_live_response_alone_until_it_is_overdue()
    {
        var (data, connection) = await VerifierDatabase.NewAsync(DatabaseProvider.PostgreSql);
        // Whole milliseconds: PostgreSQL keeps microseconds, and the boundary minute below must not move by a truncated tick.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        await using var validating = await VerifierDatabase.OpenAsync(DatabaseProvider.PostgreSql, data, connection, clock);
        var start = clock.GetUtcNow();
        await validating.Transactions.CreateAsync(VerifierDatabase.NewTransaction(start, "live", TransactionStatus.ResponseReceived), CancellationToken.None);

        await using var starting = await VerifierDatabase.OpenAsync(DatabaseProvider.PostgreSql, data, connection, clock);
        var recovery = starting.Get<Wallet.Verifier.Transactions.InterruptedResponseRecovery>();
        (await recovery.RejectInterruptedAsync(CancellationToken.None)).Should().Be(0, "instance A may still be validating it");

        // Expiry (5 minutes) + OverdueAfter (2 minutes); moved a minute at a time, checked each minute as the purge timer does.
        var checks = new List<int>();
        for (var minute = 1; minute <= 8; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            checks.Add(await recovery.RejectOverdueAsync(CancellationToken.None));
            if (minute == 7)
            {
                (await starting.Transactions.FindAsync("live", CancellationToken.None))!.Status.Should().Be(TransactionStatus.ResponseReceived, "exactly expiry + bound has not passed it");
            }
        }

        checks.Should().Equal(0, 0, 0, 0, 0, 0, 0, 1);
        var transaction = await validating.Transactions.FindAsync("live", CancellationToken.None);
        transaction!.Status.Should().Be(TransactionStatus.Rejected);
        transaction.ResultJson.Should().Contain(Wallet.Verifier.Validation.VerifierErrorCodes.ProcessingInterrupted);
        (await validating.Events.ListAsync("live", CancellationToken.None)).Count(e => e.Type == "rejected").Should().Be(1);
    }

    // SQLite is one process by design (its write queue is in-process): at start nothing can still be validating, so even a
    // response that has not expired is rejected at once.
    [Fact]
    public async Task On_SQLite_a_start_rejects_every_interrupted_response_at_once()
    {
        var (data, connection) = await VerifierDatabase.NewAsync(DatabaseProvider.Sqlite);
        await using var db = await VerifierDatabase.OpenAsync(DatabaseProvider.Sqlite, data, connection);
        await db.Transactions.CreateAsync(VerifierDatabase.NewTransaction(DateTimeOffset.UtcNow, "fresh", TransactionStatus.ResponseReceived), CancellationToken.None);
        var recovery = db.Get<Wallet.Verifier.Transactions.InterruptedResponseRecovery>();

        (await recovery.RejectOverdueAsync(CancellationToken.None)).Should().Be(0, "the periodic check waits for expiry + bound on every provider");
        (await recovery.RejectInterruptedAsync(CancellationToken.None)).Should().Be(1);
        (await db.Transactions.FindAsync("fresh", CancellationToken.None))!.Status.Should().Be(TransactionStatus.Rejected);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Purge_deletes_expired_transactions_with_their_events_and_keys(DatabaseProvider provider)
    {
        var (data, connection) = await VerifierDatabase.NewAsync(provider);
        await using var db = await VerifierDatabase.OpenAsync(provider, data, connection);
        var now = DateTimeOffset.UtcNow;
        await db.Transactions.CreateAsync(VerifierDatabase.NewTransaction(now.AddHours(-2), "old"), CancellationToken.None);
        await db.Transactions.CreateAsync(VerifierDatabase.NewTransaction(now, "new"), CancellationToken.None);
        await db.Events.AppendAsync("old", new TransactionEvent(now.AddHours(-2), "created", null), CancellationToken.None);
        await db.Keys.SaveAsync("old", "k", [1, 2, 3], CancellationToken.None);
        await db.Keys.SaveAsync("new", "k", [4, 5, 6], CancellationToken.None);

        var purged = await db.Transactions.PurgeAsync(now.AddHours(-1), CancellationToken.None);

        purged.Should().Be(1);
        (await db.Transactions.FindAsync("old", CancellationToken.None)).Should().BeNull();
        (await db.Events.ListAsync("old", CancellationToken.None)).Should().BeEmpty();
        (await db.Keys.FindAsync("old", CancellationToken.None)).Should().BeNull();
        (await db.Keys.FindAsync("new", CancellationToken.None))!.Value.Pkcs8.Should().Equal(4, 5, 6);
    }

    [Fact]
    public async Task A_database_created_before_migrations_is_adopted_and_keeps_its_data()
    {
        // The schema and rows that EnsureCreated made until 2026-12 (tests/Verifier.Tests/Fixtures, from `sqlite3 .dump`).
        var (data, _) = await VerifierDatabase.NewAsync(DatabaseProvider.Sqlite);
        Directory.CreateDirectory(data);
        await using (var sqlite = new SqliteConnection($"Data Source={Path.Combine(data, "verifier.db")}"))
        {
            await sqlite.OpenAsync();
            await using var command = sqlite.CreateCommand();
            command.CommandText = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "verifier-before-migrations.sql"));
            await command.ExecuteNonQueryAsync();
        }

        await using var db = await VerifierDatabase.OpenAsync(DatabaseProvider.Sqlite, data, null);

        var kept = await db.Transactions.FindAsync("tx-before-migrations", CancellationToken.None);
        kept!.Nonce.Should().Be("nonce-before");
        (await db.Events.ListAsync("tx-before-migrations", CancellationToken.None)).Select(e => e.Type).Should().Equal("created");
        (await db.Nonces.TryConsumeAsync("nonce-before", DateTimeOffset.UtcNow, CancellationToken.None)).Should().BeTrue();
        await using var context = await db.Contexts.CreateDbContextAsync();
        (await context.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await context.Database.GetAppliedMigrationsAsync()).Should().Contain(VerifierDbContext.BaselineMigration);
        await db.Transactions.CreateAsync(VerifierDatabase.NewTransaction(DateTimeOffset.UtcNow, "after"), CancellationToken.None);
    }

    [Fact]
    public async Task PostgreSql_without_a_connection_string_fails_at_start_naming_the_setting()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddVerifier(o =>
        {
            o.PublicBaseUrl = new Uri(VerifierApp.PublicBaseUrl);
            o.DemoPage.Enabled = true;
            o.TrustAnchors.Add(TestCredentials.RootPemPath);
            o.Database.Provider = DatabaseProvider.PostgreSql;
        });
        await using var provider = services.BuildServiceProvider();

        var start = () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Wallet.Verifier.Options.VerifierOptions>>().Value;

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*Verifier:Database:ConnectionString is required*");
    }
}
