using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.StatusList;
using Wallet.Hosting;
using Wallet.Hosting.Database;
using Wallet.Issuer.Pid;
using Wallet.Issuer.Stores;
using Wallet.Issuer.Stores.Ef;

namespace Wallet.Issuer.Tests;

/// <summary>
/// Every consume-once of the issuer is atomic in the database (issue 12, "Storage and many instances"): on SQLite in one
/// process, and on PostgreSQL across two instances racing on the same database.
/// </summary>
public sealed class IssuerDatabaseTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    private static async Task<(IssuerDatabase First, IssuerDatabase Second)> TwoInstancesAsync(DatabaseProvider provider)
    {
        var (data, connection) = await IssuerDatabase.NewAsync(provider);
        var first = await IssuerDatabase.OpenAsync(provider, data, connection);
        return (first, await IssuerDatabase.OpenAsync(provider, data, connection));
    }

    private static Task<T[]> RaceAsync<T>(IssuerDatabase first, IssuerDatabase second, Func<IssuerDatabase, ValueTask<T>> action) =>
        Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () => await action(i % 2 == 0 ? first : second))));

    // OpenID4VCI 1.0 §6.1: the pre-authorized code is redeemed once.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Racing_redemptions_of_one_pre_authorized_code_succeed_once_OpenID4VCI_6_1(DatabaseProvider provider)
    {
        var (first, second) = await TwoInstancesAsync(provider);
        await using var a = first;
        await using var b = second;
        var now = DateTimeOffset.UtcNow;
        await a.Offers.AddAsync(new OfferRecord("race-offer", "race-code-hash", "code", null, null, ["x"], "kari-nordmann", null, now, now.AddMinutes(5)));

        var outcomes = await RaceAsync(a, b, async db => (await db.Offers.RedeemAsync("race-code-hash", null, 3, now)).Outcome);

        outcomes.Count(o => o == RedemptionOutcome.Redeemed).Should().Be(1);
        outcomes.Where(o => o != RedemptionOutcome.Redeemed).Should().OnlyContain(o => o == RedemptionOutcome.AlreadyRedeemed);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Racing_wrong_tx_codes_never_exceed_the_attempt_limit(DatabaseProvider provider)
    {
        var (first, second) = await TwoInstancesAsync(provider);
        await using var a = first;
        await using var b = second;
        var now = DateTimeOffset.UtcNow;
        await a.Offers.AddAsync(new OfferRecord("tx-offer", "tx-code-hash", "code", SecretHash.OfTransactionCode("tx-code-hash", "123456"), 6, ["x"], "kari-nordmann", null, now, now.AddMinutes(5)));

        await RaceAsync(a, b, async db => (await db.Offers.RedeemAsync("tx-code-hash", SecretHash.OfTransactionCode("tx-code-hash", "000000"), 3, now)).Outcome);
        var afterwards = await b.Offers.RedeemAsync("tx-code-hash", SecretHash.OfTransactionCode("tx-code-hash", "123456"), 3, now);

        afterwards.Outcome.Should().Be(RedemptionOutcome.AlreadyRedeemed, "the code was invalidated at the third wrong attempt");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Racing_redemptions_of_one_authorization_code_succeed_once(DatabaseProvider provider)
    {
        var (first, second) = await TwoInstancesAsync(provider);
        await using var a = first;
        await using var b = second;
        var now = DateTimeOffset.UtcNow;
        await a.AuthorizationCodes.AddAsync("code-hash", IssuerDatabase.Grant(now.AddMinutes(1)));

        var grants = await RaceAsync(a, b, db => db.AuthorizationCodes.RedeemAsync("code-hash", now));

        grants.Count(g => g is not null).Should().Be(1);
    }

    // RFC 9126 §4: a request_uri is used once.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Racing_uses_of_one_pushed_request_succeed_once_RFC9126_4(DatabaseProvider provider)
    {
        var (first, second) = await TwoInstancesAsync(provider);
        await using var a = first;
        await using var b = second;
        var now = DateTimeOffset.UtcNow;
        await a.PushedRequests.AddAsync("par-id", IssuerDatabase.Grant(now.AddMinutes(1)));

        var requests = await RaceAsync(a, b, db => db.PushedRequests.ConsumeAsync("par-id", now));

        requests.Count(r => r is not null).Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Racing_consumptions_of_one_c_nonce_succeed_once(DatabaseProvider provider)
    {
        var (first, second) = await TwoInstancesAsync(provider);
        await using var a = first;
        await using var b = second;
        var now = DateTimeOffset.UtcNow;
        await a.Nonces.AddAsync("race-nonce", now.AddMinutes(5));

        var results = await RaceAsync(a, b, db => db.Nonces.TryConsumeAsync("race-nonce", now));

        results.Count(r => r).Should().Be(1);
    }

    // RFC 9449 §11.1: a DPoP proof (jti) is accepted once.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Racing_uses_of_one_dpop_proof_are_accepted_once_RFC9449_11_1(DatabaseProvider provider)
    {
        var (first, second) = await TwoInstancesAsync(provider);
        await using var a = first;
        await using var b = second;

        var results = await RaceAsync(a, b, db => db.DpopProofs.TryAddAsync("jkt:jti-1", DateTimeOffset.UtcNow.AddMinutes(5)));

        results.Count(r => r).Should().Be(1);
    }

    // Token Status List §13.3 (specs/status-list.md): a list is created once and replaced by compare-and-swap on its version.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Racing_status_list_creations_and_updates_each_win_once(DatabaseProvider provider)
    {
        var (first, second) = await TwoInstancesAsync(provider);
        await using var a = first;
        await using var b = second;
        var uri = new Uri("https://issuer.test/status/1");
        StatusListRecord Version(long version, byte status) => new(uri, StatusList.FromBytes(1, [status, 0]), new byte[2], version);

        var created = await RaceAsync(a, b, db => db.StatusLists.TryAddAsync(Version(1, 0)));
        var replaced = await RaceAsync(a, b, db => db.StatusLists.TryReplaceAsync(Version(2, 1), 1));

        created.Count(c => c).Should().Be(1);
        replaced.Count(r => r).Should().Be(1);
        var stored = await b.StatusLists.FindAsync(uri);
        stored!.Version.Should().Be(2);
        stored.Statuses.Bytes.ToArray()[0].Should().Be(1);
    }

    [Fact]
    public async Task A_database_created_before_migrations_is_adopted_and_keeps_its_data()
    {
        // The schema and rows that EnsureCreated made until 2026-12 (tests/Issuer.Tests/Fixtures, from `sqlite3 .dump`).
        var (data, _) = await IssuerDatabase.NewAsync(DatabaseProvider.Sqlite);
        Directory.CreateDirectory(data);
        await using (var sqlite = new SqliteConnection($"Data Source={Path.Combine(data, "issuer.db")}"))
        {
            await sqlite.OpenAsync();
            await using var command = sqlite.CreateCommand();
            command.CommandText = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "issuer-before-migrations.sql"));
            await command.ExecuteNonQueryAsync();
        }

        await using var db = await IssuerDatabase.OpenAsync(DatabaseProvider.Sqlite, data, null);

        (await db.Offers.FindAsync("offer-before-migrations"))!.PersonId.Should().Be("kari-nordmann");
        (await db.IssuedCredentials.FindAsync("credential-before-migrations"))!.StatusIndex.Should().Be(7);
        (await db.Get<IAuthenticSource>().FindAsync("kari-nordmann")).Should().NotBeNull();
        await using var context = await db.Get<IDbContextFactory<IssuerDbContext>>().CreateDbContextAsync();
        (await context.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await context.Database.GetAppliedMigrationsAsync()).Should().Contain(IssuerDbContext.BaselineMigration).And.HaveCountGreaterThan(1);
        context.DataProtectionKeys.Count().Should().BeGreaterThanOrEqualTo(0, "the tables of later migrations exist");
    }

    [Fact]
    public void PostgreSql_without_a_connection_string_fails_at_start_naming_the_setting()
    {
        var services = new ServiceCollection();
        services.AddPidIssuer(o =>
        {
            o.IssuerUrl = IssuerFactory.IssuerUrl;
            o.GenerateDevelopmentKeys = true;
            o.RequireWalletAttestation = false;
            o.Database.Provider = DatabaseProvider.PostgreSql;
        });
        using var provider = services.BuildServiceProvider();

        var start = () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Wallet.Issuer.Options.IssuerOptions>>().Value;

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*Issuer:Database:ConnectionString is required*");
    }
}
