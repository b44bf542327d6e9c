using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Issuer.Stores;
using Wallet.Issuer.Stores.Ef;

namespace Wallet.Issuer.Tests;

/// <summary>
/// A Credential Request writes its DPoP proof, its c_nonce and its issued records in one database transaction
/// (specs/performance.md, issue 17), and stays consume-once when requests race between validation and commit.
/// </summary>
public sealed class CredentialRequestTransactionTests : IssuerTestBase
{
    private static readonly WriteTransactionCounter Counter = new();

    // 65,536 entries reserve status-list entries in blocks of 64, so a request after the first writes no list.
    public CredentialRequestTransactionTests()
        : base(new Dictionary<string, string?> { ["Issuer:StatusListSize"] = "65536" }, services => services.ConfigureDbContext<SqliteIssuerDbContext>(b => b.AddInterceptors(Counter)))
    {
    }

    private CredentialRequestUnits Units => Factory.Services.GetRequiredService<CredentialRequestUnits>();

    [Fact]
    public async Task A_batch_of_three_credentials_is_written_in_one_database_transaction()
    {
        var wallet = await AuthorizedWalletAsync(configurations: [SdJwtConfiguration]);
        using (var first = await wallet.RequestCredentialsAsync(SdJwtConfiguration, [SigningKey.Generate()]))
        {
            first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        }

        var nonce = await wallet.FetchCNonceAsync();
        var dataSource = Path.Combine(Factory.DataDirectory, "issuer.db");
        Counter.Start(dataSource);
        using var response = await wallet.RequestCredentialsAsync(SdJwtConfiguration, [SigningKey.Generate(), SigningKey.Generate(), SigningKey.Generate()], nonce);
        var transactions = Counter.Stop();

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await TestWallet.CredentialsAsync(response)).Should().HaveCount(3);
        transactions.Should().Be(1, "the proof, the nonce, the three records, their audit entries and the usage count are one transaction, and the status-list entries came from the reserved block");
        Counter.TablesWritten.Should().Contain(["\"AuditEntries\"", "\"UsageCounters\""], "the audit trail and the statistics are written in the request's transaction");
        (await AuditedCredentialIdsAsync()).Should().HaveCount(4, "each issued credential is audited once");
        (await IssuedCountAsync()).Should().Be(4);
    }

    [Fact]
    public async Task Racing_commits_audit_and_count_only_the_winner()
    {
        var now = Clock.GetUtcNow();
        await Factory.Services.GetRequiredService<INonceStore>().AddAsync("audited-nonce", now.AddMinutes(5));
        var units = Enumerable.Range(0, 4).Select(_ => Units.Begin()).ToArray();
        foreach (var unit in units)
        {
            (await unit.ConsumeNonceAsync("audited-nonce", now, CancellationToken.None)).Should().BeTrue();
        }

        var outcomes = await Task.WhenAll(units.Select((unit, i) => Task.Run(async () =>
        {
            IssuedCredentialRecord[] records = [Record($"audited-{i}", now)];
            var outcome = new CredentialRequestOutcome(Wallet.Issuer.Protocol.AuditRecorder.CredentialsIssued(records), [(new Wallet.Hosting.Statistics.UsageEvent("credential_issued", SdJwtConfiguration, "dc+sd-jwt"), 1)]);
            return await unit.CommitAsync(records, outcome, CancellationToken.None);
        })));

        var winner = Array.IndexOf(outcomes, CredentialRequestCommit.Committed);
        winner.Should().BeGreaterThanOrEqualTo(0);
        outcomes.Count(o => o == CredentialRequestCommit.Committed).Should().Be(1);
        (await AuditedCredentialIdsAsync()).Should().Equal([$"audited-{winner}"], "a request that lost the race issued nothing, so nothing of it is audited");
        (await IssuedCountAsync()).Should().Be(1, "only the committed request is counted");
    }

    [Fact]
    public async Task A_failing_usage_count_does_not_fail_the_credential_request()
    {
        var wallet = await AuthorizedWalletAsync(configurations: [SdJwtConfiguration]);
        Counter.FailUsageCounters = true;
        try
        {
            using var response = await wallet.RequestCredentialsAsync(SdJwtConfiguration, [SigningKey.Generate()]);
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }
        finally
        {
            Counter.FailUsageCounters = false;
        }

        (await AuditedCredentialIdsAsync()).Should().HaveCount(1, "the audit entry is committed with the credential");
        (await IssuedCountAsync()).Should().Be(0, "the failed upsert was undone alone, back to its savepoint");
    }

    [Fact]
    public async Task Racing_commits_on_one_c_nonce_succeed_exactly_once_and_the_losers_write_nothing()
    {
        var now = Clock.GetUtcNow();
        await Factory.Services.GetRequiredService<INonceStore>().AddAsync("shared-nonce", now.AddMinutes(5));
        var units = Enumerable.Range(0, 8).Select(_ => Units.Begin()).ToArray();
        for (var i = 0; i < units.Length; i++)
        {
            (await units[i].ConsumeNonceAsync("shared-nonce", now, CancellationToken.None)).Should().BeTrue("no request has committed yet");
            (await units[i].ReplayCache.TryAddAsync($"proof-{i}", now.AddMinutes(5))).Should().BeTrue();
        }

        var outcomes = await Task.WhenAll(units.Select((unit, i) => Task.Run(async () => await unit.CommitAsync([Record($"credential-{i}", now)], CancellationToken.None))));

        outcomes.Count(o => o == CredentialRequestCommit.Committed).Should().Be(1);
        outcomes.Where(o => o != CredentialRequestCommit.Committed).Should().OnlyContain(o => o == CredentialRequestCommit.NonceAlreadyUsed);
        var winner = Array.IndexOf(outcomes, CredentialRequestCommit.Committed);
        var issued = Factory.Services.GetRequiredService<IIssuedCredentialStore>();
        var replay = Factory.Services.GetRequiredService<IDpopReplayCache>();
        for (var i = 0; i < units.Length; i++)
        {
            (await issued.FindAsync($"credential-{i}")).Should().Match<IssuedCredentialRecord?>(r => (r != null) == (i == winner));

            // A loser's proof was rolled back with its records, so it is still unseen.
            (await replay.TryAddAsync($"proof-{i}", now.AddMinutes(5))).Should().Be(i != winner);
        }
    }

    [Fact]
    public async Task Racing_commits_of_one_dpop_proof_succeed_exactly_once_RFC9449_11_1()
    {
        var now = Clock.GetUtcNow();
        var nonces = Factory.Services.GetRequiredService<INonceStore>();
        var units = Enumerable.Range(0, 8).Select(_ => Units.Begin()).ToArray();
        for (var i = 0; i < units.Length; i++)
        {
            await nonces.AddAsync($"nonce-{i}", now.AddMinutes(5));
            (await units[i].ReplayCache.TryAddAsync("shared-proof", now.AddMinutes(5))).Should().BeTrue("no request has committed yet");
            (await units[i].ConsumeNonceAsync($"nonce-{i}", now, CancellationToken.None)).Should().BeTrue();
        }

        var outcomes = await Task.WhenAll(units.Select((unit, i) => Task.Run(async () => await unit.CommitAsync([Record($"credential-{i}", now)], CancellationToken.None))));

        outcomes.Count(o => o == CredentialRequestCommit.Committed).Should().Be(1);
        outcomes.Where(o => o != CredentialRequestCommit.Committed).Should().OnlyContain(o => o == CredentialRequestCommit.DpopProofReplayed);
        var winner = Array.IndexOf(outcomes, CredentialRequestCommit.Committed);
        for (var i = 0; i < units.Length; i++)
        {
            // A loser's nonce deletion was rolled back: the Wallet can still use it.
            (await nonces.TryConsumeAsync($"nonce-{i}", now)).Should().Be(i != winner);
        }
    }

    [Fact]
    public async Task A_failed_request_still_uses_up_its_dpop_proof_and_c_nonce()
    {
        var now = Clock.GetUtcNow();
        await Factory.Services.GetRequiredService<INonceStore>().AddAsync("nonce-of-a-failed-request", now.AddMinutes(5));
        var failed = Units.Begin();
        (await failed.ReplayCache.TryAddAsync("proof-of-a-failed-request", now.AddMinutes(5))).Should().BeTrue();
        (await failed.ConsumeNonceAsync("nonce-of-a-failed-request", now, CancellationToken.None)).Should().BeTrue();

        (await failed.CommitAsync([], CancellationToken.None)).Should().Be(CredentialRequestCommit.Committed);

        var next = Units.Begin();
        (await next.ReplayCache.TryAddAsync("proof-of-a-failed-request", now.AddMinutes(5))).Should().BeFalse("the proof was used");
        (await next.ConsumeNonceAsync("nonce-of-a-failed-request", now, CancellationToken.None)).Should().BeFalse("the nonce was used");
    }

    [Fact]
    public async Task An_expired_or_unknown_c_nonce_is_refused_at_validation()
    {
        var now = Clock.GetUtcNow();
        await Factory.Services.GetRequiredService<INonceStore>().AddAsync("expiring-nonce", now.AddSeconds(10));

        (await Units.Begin().ConsumeNonceAsync("expiring-nonce", now.AddSeconds(10), CancellationToken.None)).Should().BeFalse();
        (await Units.Begin().ConsumeNonceAsync("never-issued", now, CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public void The_issuers_own_stores_get_the_one_transaction_unit()
    {
        Units.Begin().Should().BeOfType<EfCredentialRequestUnit>();
    }

    private async Task<IReadOnlyList<string?>> AuditedCredentialIdsAsync()
    {
        var entries = await Factory.Services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(null, null, AuditActions.CredentialIssued, null, 0, 1000));
        return [.. entries.Select(e => e.CredentialId)];
    }

    private async Task<long> IssuedCountAsync()
    {
        await using var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(Factory.DataDirectory, "issuer.db")}");
        await sqlite.OpenAsync();
        await using var command = sqlite.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(\"Count\"), 0) FROM \"UsageCounters\" WHERE \"Event\" = 'credential_issued'";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static IssuedCredentialRecord Record(string id, DateTimeOffset now) =>
        new(id, "offer", "kari-nordmann", SdJwtConfiguration, IssuerFactory.IssuerUrl + "/status-lists/1", 1, now, now.AddDays(1));

    /// <summary>
    /// Counts the write transactions on the request's tables of one database (DPoP proofs, nonces, issued credentials,
    /// status lists): explicit transactions, plus each write outside one.
    /// </summary>
    private sealed class WriteTransactionCounter : DbCommandInterceptor
    {
        private static readonly string[] RequestTables = ["\"DpopProofs\"", "\"Nonces\"", "\"IssuedCredentials\"", "\"StatusLists\"", "DpopProofs (", "StatusLists (", "\"AuditEntries\"", "\"UsageCounters\""];
        private readonly ConcurrentDictionary<string, byte> _tables = new();
        private readonly ConcurrentDictionary<DbTransaction, byte> _transactions = new();
        private string? _dataSource;
        private int _autocommits;

        public void Start(string dataSource)
        {
            _transactions.Clear();
            _tables.Clear();
            _autocommits = 0;
            Volatile.Write(ref _dataSource, dataSource);
        }

        /// <summary>Makes every statement on the usage counters fail, as a database error would.</summary>
        public bool FailUsageCounters { get; set; }

        /// <summary>The request's tables written since <see cref="Start"/>.</summary>
        public IReadOnlyCollection<string> TablesWritten => [.. _tables.Keys];

        public int Stop()
        {
            Volatile.Write(ref _dataSource, null);
            return _autocommits + _transactions.Count;
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        private void Record(DbCommand command)
        {
            var text = command.CommandText.TrimStart();
            var isWrite = text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase);

            if (FailUsageCounters && text.Contains("\"UsageCounters\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The usage counters are unavailable (test).");
            }

            // The request's own state, with its audit entries and usage counts.
            var tables = RequestTables.Where(table => text.Contains(table, StringComparison.Ordinal)).ToList();
            isWrite &= tables.Count > 0;
            if (!isWrite || Volatile.Read(ref _dataSource) is not { } dataSource || command.Connection?.DataSource != dataSource)
            {
                return;
            }

            foreach (var table in tables)
            {
                _tables.TryAdd(table, 0);
            }

            if (command.Transaction is { } transaction)
            {
                _transactions.TryAdd(transaction, 0);
            }
            else
            {
                Interlocked.Increment(ref _autocommits);
            }
        }
    }
}
