using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Transactions;

namespace Wallet.Verifier.Tests;

/// <summary>
/// The transaction state machine (specs/verifier.md, "Transaction states"): every allowed move, every refused one as a typed
/// error, and the stores applying moves as compare-and-swap so a race has one winner (OpenID4VP 1.0 §8.2: one response).
/// </summary>
public sealed class TransactionTransitionTests
{
    private static readonly (TransactionStatus From, TransactionStatus To)[] Allowed =
    [
        (TransactionStatus.Pending, TransactionStatus.RequestFetched),
        (TransactionStatus.RequestFetched, TransactionStatus.RequestFetched),
        (TransactionStatus.RequestFetched, TransactionStatus.ResponseReceived),
        (TransactionStatus.ResponseReceived, TransactionStatus.Verified),
        (TransactionStatus.ResponseReceived, TransactionStatus.Rejected),
    ];

    public static TheoryData<TransactionStatus, TransactionStatus> AllowedMoves()
    {
        var data = new TheoryData<TransactionStatus, TransactionStatus>();
        foreach (var (from, to) in Allowed)
        {
            data.Add(from, to);
        }

        return data;
    }

    /// <summary>Every pair of states the table does not list, with the code of its refusal.</summary>
    public static TheoryData<TransactionStatus, TransactionStatus, string> RefusedMoves()
    {
        var data = new TheoryData<TransactionStatus, TransactionStatus, string>();
        foreach (var from in Enum.GetValues<TransactionStatus>())
        {
            foreach (var to in Enum.GetValues<TransactionStatus>())
            {
                if (Allowed.Contains((from, to)))
                {
                    continue;
                }

                var answered = from is TransactionStatus.ResponseReceived or TransactionStatus.Verified or TransactionStatus.Rejected;
                var code = (answered, to) switch
                {
                    (true, TransactionStatus.RequestFetched or TransactionStatus.ResponseReceived) => TransactionErrorCodes.AlreadyAnswered,
                    (false, TransactionStatus.ResponseReceived) when from == TransactionStatus.Pending => TransactionErrorCodes.RequestNotFetched,
                    _ => TransactionErrorCodes.NotAllowed,
                };
                data.Add(from, to, code);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public async Task Allowed_move_is_applied_once_by_the_store(TransactionStatus from, TransactionStatus to)
    {
        var store = new InMemoryVerifierStore();
        var transaction = Transaction(from, expiresIn: TimeSpan.FromMinutes(5));
        await store.CreateAsync(transaction, CancellationToken.None);

        TransactionTransitions.IsAllowed(from, to).Should().BeTrue();
        TryMove(transaction, to, out var transition, out var error).Should().BeTrue(error?.Description);
        var applied = await store.TryTransitionAsync(transaction.Id, transition!, CancellationToken.None);
        var again = await store.TryTransitionAsync(transaction.Id, transition!, CancellationToken.None);

        applied.Should().BeTrue();
        again.Should().Be(from == to, "a compare-and-swap from a state the transaction left changes nothing");
        var stored = await store.FindAsync(transaction.Id, CancellationToken.None);
        stored!.Status.Should().Be(to);
        stored.ResultJson.Should().Be(TransactionTransitions.IsFinal(to) ? "{}" : null);
    }

    [Theory]
    [MemberData(nameof(RefusedMoves))]
    public void Move_the_table_does_not_list_is_a_typed_error(TransactionStatus from, TransactionStatus to, string code)
    {
        var transaction = Transaction(from, expiresIn: TimeSpan.FromMinutes(5));

        var moved = TryMove(transaction, to, out var transition, out var error);

        TransactionTransitions.IsAllowed(from, to).Should().BeFalse();
        moved.Should().BeFalse();
        transition.Should().BeNull();
        error!.Code.Should().Be(code);
        error.From.Should().Be(from);
        error.To.Should().Be(to);
    }

    [Theory]
    [InlineData(TransactionStatus.Pending, TransactionStatus.RequestFetched)]
    [InlineData(TransactionStatus.RequestFetched, TransactionStatus.RequestFetched)]
    [InlineData(TransactionStatus.RequestFetched, TransactionStatus.ResponseReceived)]
    public void Expired_transaction_neither_serves_its_request_nor_takes_a_response(TransactionStatus from, TransactionStatus to)
    {
        var transaction = Transaction(from, expiresIn: TimeSpan.Zero);

        TransactionTransitions.TryMove(transaction, to, transaction.CreatedAt, out var transition, out var error).Should().BeFalse();

        transition.Should().BeNull();
        error!.Code.Should().Be(TransactionErrorCodes.Expired);
    }

    [Theory]
    [InlineData(TransactionStatus.Pending, 0)]
    [InlineData(TransactionStatus.ResponseReceived, 1)]
    [InlineData(TransactionStatus.Verified, 2)]
    [InlineData(TransactionStatus.Rejected, 3)]
    [InlineData(TransactionStatus.RequestFetched, 4)]
    public void Stored_status_numbers_never_change(TransactionStatus status, int stored)
    {
        ((int)status).Should().Be(stored, "databases written by earlier versions keep these numbers");
    }

    [Fact]
    public void Accepted_response_is_completed_even_after_the_expiry()
    {
        var transaction = Transaction(TransactionStatus.ResponseReceived, expiresIn: TimeSpan.Zero);

        TransactionTransitions.TryComplete(transaction.Status, verified: false, "{}", null, out var transition, out _).Should().BeTrue();

        transition!.To.Should().Be(TransactionStatus.Rejected);
        transition.IsCompletion.Should().BeTrue();
    }

    [Fact]
    public async Task Response_that_loses_the_race_is_refused_as_already_answered()
    {
        var (store, transaction) = await RacedAsync(TransactionStatus.RequestFetched, competitorMovesTo: TransactionStatus.ResponseReceived);
        var writer = new TransactionStateWriter(store, new TransactionJournal(store, TimeProvider.System), new Wallet.Verifier.LiveResults.InProcessTransactionChangeNotifier());

        var error = await writer.TryMoveAsync(transaction, TransactionStatus.ResponseReceived, transaction.CreatedAt, CancellationToken.None);

        error!.Code.Should().Be(TransactionErrorCodes.AlreadyAnswered);
        (await store.FindAsync(transaction.Id, CancellationToken.None))!.Status.Should().Be(TransactionStatus.ResponseReceived);
    }

    [Fact]
    public async Task Fetch_that_loses_the_race_to_another_fetch_is_judged_again_and_served()
    {
        var (store, transaction) = await RacedAsync(TransactionStatus.Pending, competitorMovesTo: TransactionStatus.RequestFetched);
        var writer = new TransactionStateWriter(store, new TransactionJournal(store, TimeProvider.System), new Wallet.Verifier.LiveResults.InProcessTransactionChangeNotifier());

        var error = await writer.TryMoveAsync(transaction, TransactionStatus.RequestFetched, transaction.CreatedAt, CancellationToken.None);

        error.Should().BeNull();
        store.CompetingMoves.Should().Be(1);
    }

    [Fact]
    public async Task Sqlite_store_applies_a_move_only_from_the_expected_state()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var id = (await Api.CreateAsync(api, Api.Body()))["transactionId"]!.GetValue<string>();
        var store = app.Services.GetRequiredService<ITransactionStore>();
        var created = (await store.FindAsync(id, CancellationToken.None))!;
        TransactionTransitions.TryMove(created, TransactionStatus.RequestFetched, app.Clock.GetUtcNow(), out var fetch, out _).Should().BeTrue();
        TransactionTransitions.TryMove(created with { Status = TransactionStatus.RequestFetched }, TransactionStatus.ResponseReceived, app.Clock.GetUtcNow(), out var accept, out _).Should().BeTrue();

        var acceptedWhilePending = await store.TryTransitionAsync(id, accept!, CancellationToken.None);
        var fetched = await store.TryTransitionAsync(id, fetch!, CancellationToken.None);
        var fetchedTwice = await store.TryTransitionAsync(id, fetch!, CancellationToken.None);

        acceptedWhilePending.Should().BeFalse();
        fetched.Should().BeTrue();
        fetchedTwice.Should().BeFalse("the transaction is no longer Pending");
        (await store.FindAsync(id, CancellationToken.None))!.Status.Should().Be(TransactionStatus.RequestFetched);
        (await Api.StatusAsync(api, id))["status"]!.GetValue<string>().Should().Be("pending", "the relying party sees no state before the result");
    }

    [Theory]
    [InlineData("direct_post")]
    [InlineData("direct_post.jwt")]
    public async Task Responses_posted_at_once_have_one_winner_OID4VP_8_2(string responseMode)
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body(responseMode));
        var wallet = EndToEndTests.Wallet(app);
        var request = await wallet.FetchRequestAsync(created["authorizationRequestUri"]!.GetValue<string>());

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => wallet.RespondAsync(request)));

        runs.Count(r => r.Response.StatusCode == HttpStatusCode.OK).Should().Be(1);
        runs.Where(r => r.Response.StatusCode != HttpStatusCode.OK).Should().HaveCount(3).And.OnlyContain(r => r.Response.StatusCode == HttpStatusCode.BadRequest);
        (await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>()))["status"]!.GetValue<string>().Should().Be("verified");
    }

    [Fact]
    public async Task Second_response_is_refused_as_already_answered_OID4VP_8_2()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body("direct_post"));
        var wallet = EndToEndTests.Wallet(app);
        var first = await wallet.RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        var second = await wallet.PostAsync(first.Request, new Dictionary<string, string>(first.Form));

        second.Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        second.Body!["error"]!.GetValue<string>().Should().Be("invalid_request");
        second.Body["error_description"]!.GetValue<string>().Should().Be("The transaction already has its response.");
        (await Events(api, created)).Should().Contain(e => e.Type == "response_rejected" && e.Detail == TransactionErrorCodes.AlreadyAnswered);
    }

    [Fact]
    public async Task Request_is_not_served_after_the_response_OID4VP_5_10()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());
        var wallet = EndToEndTests.Wallet(app);
        (await wallet.RespondAsync(created["authorizationRequestUri"]!.GetValue<string>())).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var client = app.WalletClient();

        using var late = await client.GetAsync(new Uri(created["requestUri"]!.GetValue<string>()));

        late.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Events(api, created)).Should().Contain(e => e.Type == "request_refused" && e.Detail == TransactionErrorCodes.AlreadyAnswered);
    }

    [Fact]
    public async Task Request_may_be_fetched_again_until_the_response_OID4VP_5_10()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());
        var wallet = EndToEndTests.Wallet(app);
        var uri = created["authorizationRequestUri"]!.GetValue<string>();
        await wallet.FetchRequestAsync(uri);

        var again = await wallet.FetchRequestAsync(uri);
        var run = await wallet.RespondAsync(again);

        run.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Events(api, created)).Count(e => e.Type == "request_fetched").Should().Be(2);
    }

    [Fact]
    public async Task Response_before_the_request_was_fetched_is_refused_and_leaves_the_transaction_open()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body("direct_post"));
        var responseUri = created["requestUri"]!.GetValue<string>().Replace("/oid4vp/request/", "/oid4vp/response/", StringComparison.Ordinal);
        using var client = app.WalletClient();

        using var early = await client.PostAsync(new Uri(responseUri), new FormUrlEncodedContent(new Dictionary<string, string> { ["error"] = "access_denied", ["state"] = "guessed" }));
        var run = await EndToEndTests.Wallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        early.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Events(api, created)).Should().Contain(e => e.Type == "response_rejected" && e.Detail == TransactionErrorCodes.RequestNotFetched);
        run.Response.StatusCode.Should().Be(HttpStatusCode.OK, "the refused response changed nothing");
        (await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>()))["status"]!.GetValue<string>().Should().Be("verified");
    }

    [Fact]
    public async Task Request_of_an_expired_transaction_is_not_served()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());
        app.Clock.Advance(TimeSpan.FromHours(1));
        using var client = app.WalletClient();

        using var late = await client.GetAsync(new Uri(created["requestUri"]!.GetValue<string>()));

        late.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Events(api, created)).Should().Contain(e => e.Type == "request_refused" && e.Detail == TransactionErrorCodes.Expired);
    }

    private static async Task<IReadOnlyList<TransactionEvent>> Events(HttpClient api, System.Text.Json.Nodes.JsonNode created) =>
        (await api.GetFromJsonAsync<TransactionEvent[]>($"/api/presentations/{created["transactionId"]!.GetValue<string>()}/events"))!;

    // A store in which another request makes its move just before the first move of the code under test.
    private static async Task<(RacingStore Store, TransactionRecord Transaction)> RacedAsync(TransactionStatus initial, TransactionStatus competitorMovesTo)
    {
        var store = new RacingStore();
        var transaction = Transaction(initial, expiresIn: TimeSpan.FromMinutes(5));
        await store.CreateAsync(transaction, CancellationToken.None);
        TransactionTransitions.TryMove(transaction, competitorMovesTo, transaction.CreatedAt, out var competing, out _).Should().BeTrue();
        store.Competing = competing;
        return (store, transaction);
    }

    private static bool TryMove(TransactionRecord transaction, TransactionStatus to, out TransactionTransition? transition, out TransactionTransitionError? error) =>
        TransactionTransitions.IsFinal(to)
            ? TransactionTransitions.TryComplete(transaction.Status, to == TransactionStatus.Verified, "{}", null, out transition, out error)
            : TransactionTransitions.TryMove(transaction, to, transaction.CreatedAt, out transition, out error);

    private static TransactionRecord Transaction(TransactionStatus status, TimeSpan expiresIn)
    {
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        return new TransactionRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            RequestId = Guid.NewGuid().ToString("N"),
            RelyingPartyId = "rp1",
            CreatedAt = now,
            ExpiresAt = now + expiresIn,
            Status = status,
            ResponseMode = "direct_post",
            RequestUriMethod = "get",
            ClientId = "x509_hash:abc",
            Nonce = Guid.NewGuid().ToString("N"),
            State = "state",
            DcqlQuery = Api.PidQuery,
        };
    }

    private sealed class RacingStore : ITransactionStore, ITransactionEventLog
    {
        private readonly InMemoryVerifierStore _inner = new();

        public TransactionTransition? Competing { get; set; }

        public int CompetingMoves { get; private set; }

        public ValueTask CreateAsync(TransactionRecord transaction, CancellationToken cancellationToken) => _inner.CreateAsync(transaction, cancellationToken);

        public ValueTask<TransactionRecord?> FindAsync(string id, CancellationToken cancellationToken) => _inner.FindAsync(id, cancellationToken);

        public ValueTask<TransactionRecord?> FindByRequestIdAsync(string requestId, CancellationToken cancellationToken) => _inner.FindByRequestIdAsync(requestId, cancellationToken);

        public async ValueTask<bool> TryTransitionAsync(string id, TransactionTransition transition, CancellationToken cancellationToken)
        {
            if (Competing is { } competing)
            {
                Competing = null;
                (await _inner.TryTransitionAsync(id, competing, cancellationToken)).Should().BeTrue();
                CompetingMoves++;
            }

            return await _inner.TryTransitionAsync(id, transition, cancellationToken);
        }

        public ValueTask<IReadOnlyList<string>> ListIdsAsync(TransactionStatus status, CancellationToken cancellationToken) => _inner.ListIdsAsync(status, cancellationToken);

        public ValueTask<int> PurgeAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken) => _inner.PurgeAsync(expiredBefore, cancellationToken);

        public ValueTask AppendAsync(string transactionId, TransactionEvent transactionEvent, CancellationToken cancellationToken) => _inner.AppendAsync(transactionId, transactionEvent, cancellationToken);

        public ValueTask<IReadOnlyList<TransactionEvent>> ListAsync(string transactionId, CancellationToken cancellationToken) => _inner.ListAsync(transactionId, cancellationToken);
    }
}
