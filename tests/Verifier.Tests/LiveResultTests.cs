using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Verifier.LiveResults;
using Wallet.Verifier.Stores;

namespace Wallet.Verifier.Tests;

/// <summary>
/// Live results: <c>GET /api/presentations/{id}/events</c> with <c>Accept: text/event-stream</c> streams the transaction's
/// stages (server-sent events, WHATWG HTML §9.2), each carrying the polling endpoint's document. The events are read with
/// the runtime's own SSE parser (<see cref="SseParser"/>), not ours.
/// </summary>
public sealed class LiveResultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Event_stream_sends_each_stage_with_the_polling_document_and_closes_on_the_result()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());
        var id = created["transactionId"]!.GetValue<string>();
        using var timeout = new CancellationTokenSource(Patience);
        using var response = await OpenAsync(api, id, timeout.Token);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        await using var events = await EventsAsync(response, timeout.Token);

        var first = await NextAsync(events);
        first.EventType.Should().Be("created");
        first.EventId.Should().Be("1", "event ids are a sequence number, nothing about the person");
        JsonNode.Parse(first.Data)!["status"]!.GetValue<string>().Should().Be("pending");

        var wallet = EndToEndTests.Wallet(app);
        var request = await wallet.FetchRequestAsync(created["authorizationRequestUri"]!.GetValue<string>());
        (await NextAsync(events)).EventType.Should().Be("request_fetched");

        var run = await wallet.RespondAsync(request);
        run.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        var seen = new List<SseItem<string>>();
        while (await events.MoveNextAsync())
        {
            seen.Add(events.Current);
        }

        // response_received may be skipped when validation finishes before the stream re-reads; the result is always last.
        seen.Select(e => e.EventType).Should().BeSubsetOf(["response_received", "verified"]).And.EndWith("verified");
        var polled = await Api.StatusAsync(api, id);
        JsonNode.DeepEquals(JsonNode.Parse(seen[^1].Data), polled).Should().BeTrue("the final event carries exactly what GET /api/presentations/{id} answers");
        polled["credentials"]!["pid"].Should().NotBeNull();
    }

    [Fact]
    public async Task Change_written_by_another_instance_arrives_at_the_next_store_poll()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var id = (await Api.CreateAsync(api, Api.Body()))["transactionId"]!.GetValue<string>();
        using var timeout = new CancellationTokenSource(Patience);
        using var response = await OpenAsync(api, id, timeout.Token);
        await using var events = await EventsAsync(response, timeout.Token);
        (await NextAsync(events)).EventType.Should().Be("created");

        // Straight into the store, as another instance would: no change notice reaches this process.
        var store = app.Services.GetRequiredService<ITransactionStore>();
        var record = (await store.FindAsync(id, CancellationToken.None))!;
        TransactionTransitions.TryMove(record, TransactionStatus.RequestFetched, app.Clock.GetUtcNow(), out var transition, out _).Should().BeTrue();
        (await store.TryTransitionAsync(id, transition!, CancellationToken.None)).Should().BeTrue();

        var next = events.MoveNextAsync().AsTask();
        await AdvanceUntilAsync(app, next, TimeSpan.FromSeconds(1));
        (await next).Should().BeTrue();
        events.Current.EventType.Should().Be("request_fetched");
    }

    [Fact]
    public async Task Event_stream_closes_with_expired_when_the_transaction_lapses()
    {
        using var app = new VerifierApp(settings: new() { ["Verifier:TransactionLifetime"] = "00:00:20" });
        using var api = app.ApiClient();
        var id = (await Api.CreateAsync(api, Api.Body()))["transactionId"]!.GetValue<string>();
        using var timeout = new CancellationTokenSource(Patience);
        using var response = await OpenAsync(api, id, timeout.Token);
        await using var events = await EventsAsync(response, timeout.Token);
        (await NextAsync(events)).EventType.Should().Be("created");

        var next = events.MoveNextAsync().AsTask();
        await AdvanceUntilAsync(app, next, TimeSpan.FromSeconds(5));
        (await next).Should().BeTrue();
        events.Current.EventType.Should().Be("expired");
        JsonNode.Parse(events.Current.Data)!["status"]!.GetValue<string>().Should().Be("expired");
        (await events.MoveNextAsync()).Should().BeFalse("the stream closes on the final state");
    }

    [Fact]
    public async Task Event_stream_of_another_relying_partys_transaction_is_not_found()
    {
        using var app = new VerifierApp();
        using var rp1 = app.ApiClient();
        using var rp2 = app.ApiClient(VerifierApp.OtherApiKey);
        var id = (await Api.CreateAsync(rp1, Api.Body()))["transactionId"]!.GetValue<string>();
        using var timeout = new CancellationTokenSource(Patience);

        using var response = await OpenAsync(rp2, id, timeout.Token);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Event_stream_without_api_key_is_unauthorized()
    {
        using var app = new VerifierApp();
        using var rp1 = app.ApiClient();
        using var anonymous = app.ApiClient(apiKey: null);
        var id = (await Api.CreateAsync(rp1, Api.Body()))["transactionId"]!.GetValue<string>();
        using var timeout = new CancellationTokenSource(Patience);

        using var response = await OpenAsync(anonymous, id, timeout.Token);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Streams_beyond_the_maximum_per_relying_party_are_refused_while_other_parties_still_get_theirs()
    {
        using var app = new VerifierApp(settings: new() { ["Verifier:LiveResults:MaxStreamsPerRelyingParty"] = "1" });
        using var rp1 = app.ApiClient();
        using var rp2 = app.ApiClient(VerifierApp.OtherApiKey);
        var first = (await Api.CreateAsync(rp1, Api.Body()))["transactionId"]!.GetValue<string>();
        var second = (await Api.CreateAsync(rp1, Api.Body()))["transactionId"]!.GetValue<string>();
        var other = (await Api.CreateAsync(rp2, Api.Body()))["transactionId"]!.GetValue<string>();
        using var timeout = new CancellationTokenSource(Patience);
        using var open = await OpenAsync(rp1, first, timeout.Token);
        await using var events = await EventsAsync(open, timeout.Token);
        (await NextAsync(events)).EventType.Should().Be("created");

        using var refused = await OpenAsync(rp1, second, timeout.Token);
        using var otherParty = await OpenAsync(rp2, other, timeout.Token);

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.Should().NotBeNull();
        otherParty.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_the_event_stream_media_type_the_events_endpoint_still_answers_the_event_log()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var id = (await Api.CreateAsync(api, Api.Body()))["transactionId"]!.GetValue<string>();

        using var response = await api.GetAsync($"/api/presentations/{id}/events");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(e => e!["type"]!.GetValue<string>()).Should().Contain("created");
    }

    [Fact]
    public void Change_notice_reaches_only_the_transactions_live_subscribers_and_only_once()
    {
        var notifier = new InProcessTransactionChangeNotifier();
        var fired = new List<string>();
        using var a = notifier.Subscribe("a", () => fired.Add("a"));
        var disposed = notifier.Subscribe("a", () => fired.Add("disposed"));
        using var b = notifier.Subscribe("b", () => fired.Add("b"));
        disposed.Dispose();

        notifier.Publish("a");
        notifier.Publish("a");

        fired.Should().Equal("a");
    }

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient api, string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/presentations/{id}/events");
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private static async Task<IAsyncEnumerator<SseItem<string>>> EventsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);

        // Heartbeats carry no data; the page's EventSource dispatches nothing for them, so they are skipped here too.
        return Filter(SseParser.Create(stream).EnumerateAsync(cancellationToken), cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    private static async IAsyncEnumerable<SseItem<string>> Filter(IAsyncEnumerable<SseItem<string>> items, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            if (item.EventType != "heartbeat")
            {
                yield return item;
            }
        }
    }

    private static async Task<SseItem<string>> NextAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        (await events.MoveNextAsync()).Should().BeTrue("the stream should send another event");
        return events.Current;
    }

    // Moves the fake clock in small steps until the awaited event arrives: the stream may register its timer after any step.
    private static async Task AdvanceUntilAsync(VerifierApp app, Task next, TimeSpan step)
    {
        for (var i = 0; i < 40 && !next.IsCompleted; i++)
        {
            app.Clock.Advance(step);
            await Task.WhenAny(next, Task.Delay(100));
        }
    }
}
