using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.OpenId4Vp;
using Wallet.Verifier.Stores.Ef;

namespace Wallet.Verifier.Tests;

/// <summary>
/// How many database write transactions (each a commit synced to disk on SQLite) one request → response → result cycle
/// costs (issue 17, specs/performance.md "≈ 12 write transactions per cycle"). Before: create 5 (key, nonce, record,
/// usage count, event), fetch 2 (move, event), response 6 (move, key deletion, nonce, events, completion with its event,
/// usage count) = 13. Now: create 1, fetch 1, response 3 (move with the key deletion, nonce, completion with its
/// events and counts) = 5.
/// </summary>
public sealed class WriteTransactionsPerCycleTests
{
    [Theory]
    [InlineData(ResponseModes.DirectPostJwt)]
    [InlineData(ResponseModes.DirectPost)]
    public async Task A_full_cycle_writes_five_transactions_one_at_creation_OID4VP_8_2(string responseMode)
    {
        var counter = new WriteCounter();
        using var app = new VerifierApp(services: services => services.ConfigureDbContext<SqliteVerifierDbContext>(b => b.AddInterceptors(counter)));
        using var api = app.ApiClient();
        _ = await Api.CreateAsync(api, Api.Body(responseMode)); // warms the host up (migrations, keys) outside the count

        counter.Start();
        var created = await Api.CreateAsync(api, Api.Body(responseMode));
        var atCreation = counter.Stop();

        var wallet = EndToEndTests.Wallet(app);
        counter.Start();
        var request = await wallet.FetchRequestAsync(created["authorizationRequestUri"]!.GetValue<string>());
        var atFetch = counter.Stop();

        counter.Start();
        var run = await wallet.RespondAsync(request);
        var atResponse = counter.Stop();

        run.Response.StatusCode.Should().Be(HttpStatusCode.OK, run.Body?.ToJsonString());
        var status = await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
        status["status"]!.GetValue<string>().Should().Be("verified", status.ToJsonString());
        atCreation.Transactions.Should().Be(1, "the record, its nonce, its ephemeral key, its event and its usage count are one write; written: {0}", atCreation.Tables);
        atFetch.Transactions.Should().Be(1, "the move to request_fetched carries its event; written: {0}", atFetch.Tables);
        atResponse.Transactions.Should().Be(3, "move with the key deletion, nonce consumption, completion with the events and counts; written: {0}", atResponse.Tables);
        atCreation.Tables.Split(", ").Should().Contain(["\"Transactions\"", "\"Nonces\"", "\"Events\"", "\"UsageCounters\""]);
        if (responseMode == ResponseModes.DirectPostJwt)
        {
            atCreation.Tables.Should().Contain("\"EphemeralKeys\"");
            atResponse.Tables.Should().Contain("\"EphemeralKeys\"", "the key is deleted once the response is accepted");
        }

        var events = await app.Services.GetRequiredService<Stores.ITransactionEventLog>().ListAsync(created["transactionId"]!.GetValue<string>(), CancellationToken.None);
        events.Select(e => e.Type).Should().StartWith(["created", "request_fetched", "response_received"]).And.EndWith("verified", "the events keep their order when they share writes");
    }

    /// <summary>Counts write transactions (explicit ones, plus each write outside one) and the tables they wrote.</summary>
    private sealed class WriteCounter : DbCommandInterceptor
    {
        private static readonly string[] Tables = ["\"Transactions\"", "\"Nonces\"", "\"Events\"", "\"EphemeralKeys\"", "\"UsageCounters\""];
        private readonly ConcurrentDictionary<DbTransaction, byte> _transactions = new();
        private readonly ConcurrentDictionary<string, byte> _tables = new();
        private volatile bool _counting;
        private int _autocommits;

        public void Start()
        {
            _transactions.Clear();
            _tables.Clear();
            _autocommits = 0;
            _counting = true;
        }

        public (int Transactions, string Tables) Stop()
        {
            _counting = false;
            return (_transactions.Count + _autocommits, string.Join(", ", _tables.Keys.Order(StringComparer.Ordinal)));
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
            if (!_counting || !(text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }

            foreach (var table in Tables.Where(t => text.Contains(t, StringComparison.Ordinal)))
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
