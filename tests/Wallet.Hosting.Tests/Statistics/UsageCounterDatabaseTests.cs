using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wallet.Hosting.Statistics;
using Wallet.Tests.Databases;

namespace Wallet.Hosting.Tests.Statistics;

/// <summary>
/// Issue 16, "cost": one upsert of its bucket per event, on the embedded SQLite and on PostgreSQL (a real throw-away
/// cluster), and concurrent increments of one bucket lose none: the count is the exact sum.
/// </summary>
public sealed class UsageCounterDatabaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 14, 37, 12, TimeSpan.Zero);

    public enum Provider
    {
        Sqlite,
        PostgreSql,
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task The_first_event_inserts_its_hour_bucket_and_later_ones_add_to_it(Provider provider)
    {
        await using var database = await CounterDatabase.CreateAsync(provider);
        var counter = database.Counter;
        var issued = new UsageEvent(UsageEvents.CredentialIssued, "eu.europa.ec.eudi.pid.1", "dc+sd-jwt", LevelOfAssurance: "high", AgeBand: "30-39");

        await counter.CountAsync(issued);
        await counter.CountAsync(issued, 4);
        await counter.CountAsync(issued with { AgeBand = "40-49" });
        await counter.CountAsync(new UsageEvent(UsageEvents.IssuanceFailed, ErrorCode: "invalid_proof"), 2);

        var counts = await counter.ReadAsync(DateOnly.FromDateTime(Now.UtcDateTime), DateOnly.FromDateTime(Now.UtcDateTime), CancellationToken.None);
        var hour = new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.Zero);
        counts.Should().BeEquivalentTo(new[]
        {
            new UsageCount(hour, issued, 5),
            new UsageCount(hour, issued with { AgeBand = "40-49" }, 1),
            new UsageCount(hour, new UsageEvent(UsageEvents.IssuanceFailed, ErrorCode: "invalid_proof"), 2),
        });
        (await database.RowCountAsync()).Should().Be(3, "one row per bucket, not per event");
        database.Warnings.Should().BeEmpty();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSql)]
    public async Task Concurrent_increments_of_one_bucket_give_the_exact_sum(Provider provider)
    {
        await using var database = await CounterDatabase.CreateAsync(provider);
        var counter = database.Counter;
        var verified = new UsageEvent(UsageEvents.PresentationVerified, "urn:eudi:pid:1", "dc+sd-jwt", "rp1", "high", AgeBand: "18-29");

        // 8 writers × 25 events, each with its own context and connection, started together: 200 + the writers' index sum.
        using var start = new ManualResetEventSlim();
        var writers = Enumerable.Range(1, 8).Select(w => Task.Run(async () =>
        {
            start.Wait();
            for (var i = 0; i < 25; i++)
            {
                await counter.CountAsync(verified, i == 0 ? w : 1);
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(writers);

        var counts = await counter.ReadAsync(DateOnly.FromDateTime(Now.UtcDateTime), DateOnly.FromDateTime(Now.UtcDateTime), CancellationToken.None);
        database.Warnings.Should().BeEmpty("no increment may fail under contention");
        counts.Should().ContainSingle().Which.Count.Should().Be((8 * 24) + Enumerable.Range(1, 8).Sum());
    }

    private sealed class CounterDb(DbContextOptions<CounterDb> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => UsageCounterEntity.Configure(modelBuilder);
    }

    private sealed class ListLoggerProvider(List<string> messages) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(messages);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    lock (messages)
                    {
                        messages.Add(formatter(state, exception));
                    }
                }
            }
        }
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class CounterDatabase : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly string? _file;

        private CounterDatabase(ServiceProvider services, string? file, List<string> warnings)
        {
            _services = services;
            _file = file;
            Warnings = warnings;
        }

        public UsageCounter<CounterDb> Counter => _services.GetRequiredService<UsageCounter<CounterDb>>();

        /// <summary>What the counter logged: a swallowed failed upsert shows here.</summary>
        public List<string> Warnings { get; }

        public static async Task<CounterDatabase> CreateAsync(Provider provider)
        {
            string? file = null;
            string? connectionString = null;
            if (provider == Provider.Sqlite)
            {
                file = Path.Combine(Path.GetTempPath(), $"counters-{Guid.NewGuid():N}.db");
            }
            else
            {
                connectionString = await (await PostgreSqlCluster.SharedAsync()).CreateDatabaseAsync();
            }

            var services = new ServiceCollection();
            var warnings = new List<string>();
            services.AddLogging(l => l.ClearProviders().AddProvider(new ListLoggerProvider(warnings)));
            services.AddSingleton<TimeProvider>(new FixedClock());
            services.AddDbContextFactory<CounterDb>(o =>
            {
                if (file is not null)
                {
                    o.UseSqlite($"Data Source={file}");
                }
                else
                {
                    o.UseNpgsql(connectionString);
                }
            });
            services.AddSingleton<UsageCounter<CounterDb>>();
            var provided = services.BuildServiceProvider();
            await using (var db = await provided.GetRequiredService<IDbContextFactory<CounterDb>>().CreateDbContextAsync())
            {
                await db.Database.EnsureCreatedAsync();
            }

            return new CounterDatabase(provided, file, warnings);
        }

        public async Task<int> RowCountAsync()
        {
            await using var db = await _services.GetRequiredService<IDbContextFactory<CounterDb>>().CreateDbContextAsync();
            return await db.Set<UsageCounterEntity>().CountAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await _services.DisposeAsync();
            SqliteConnection.ClearAllPools();
            if (_file is not null)
            {
                File.Delete(_file);
            }
        }
    }
}
