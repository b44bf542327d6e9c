using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Wallet.Verifier.Options;
using Wallet.Verifier.Stores;

namespace Wallet.Verifier.LiveResults;

/// <summary>
/// Serves a transaction's state as server-sent events (<c>text/event-stream</c>): one event per stage reached, carrying the
/// document the polling endpoint would answer, then the stream closes on the final one. It wakes on
/// <see cref="ITransactionChangeNotifier"/> and also re-reads the store every <see cref="LiveResultOptions.StorePollInterval"/>,
/// so a result written by another instance of the Verifier still arrives.
/// </summary>
internal sealed class LiveResultStream(
    ITransactionStore transactions,
    ITransactionChangeNotifier notifier,
    LiveResultStreamLimiter limiter,
    TimeProvider time,
    IOptions<VerifierOptions> options,
    IOptions<JsonOptions> json)
{
    public const string MediaType = "text/event-stream";

    /// <summary>True when the client asks for an event stream (the <c>Accept</c> header names <c>text/event-stream</c>).</summary>
    public static bool IsRequested(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The stream of <paramref name="transaction"/> (found for its owner by the caller), counted against
    /// <paramref name="relyingPartyId"/>'s limit; 429 when that party has its maximum of streams open.
    /// </summary>
    public IResult Open(HttpContext context, string relyingPartyId, TransactionRecord transaction, Func<TransactionRecord, CancellationToken, ValueTask<LiveResultSnapshot>> render)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(transaction);
        var lease = limiter.TryAcquire(relyingPartyId);
        if (lease is null)
        {
            context.Response.Headers.RetryAfter = "5";
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many event streams", detail: "This relying party has its maximum of event streams open; close one or poll the result instead.");
        }

        // Released when the request ends, even if the stream never starts.
        context.Response.RegisterForDispose(lease);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.ServerSentEvents(EventsAsync(transaction, render, context.RequestAborted));
    }

    private async IAsyncEnumerable<SseItem<string>> EventsAsync(TransactionRecord transaction, Func<TransactionRecord, CancellationToken, ValueTask<LiveResultSnapshot>> render, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value.LiveResults;
        var sequence = 0;
        var lastSent = time.GetUtcNow();
        (TransactionStatus Status, bool Expired)? shown = null;
        TransactionRecord? current = transaction;
        while (!cancellationToken.IsCancellationRequested)
        {
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            // Subscribed before reading, so a change between the read and the wait is not missed.
            using (notifier.Subscribe(transaction.Id, () => changed.TrySetResult()))
            {
                current ??= await transactions.FindAsync(transaction.Id, cancellationToken).ConfigureAwait(false);
                if (current is null)
                {
                    // Purged while watched: nothing more will happen.
                    yield break;
                }

                var now = time.GetUtcNow();
                var state = (current.Status, now >= current.ExpiresAt);
                if (state != shown)
                {
                    shown = state;
                    var snapshot = await render(current, cancellationToken).ConfigureAwait(false);
                    var name = snapshot.IsFinal ? LiveResultEvents.FinalOf(snapshot.Status, current.Status) : LiveResultEvents.StageOf(current.Status);
                    yield return new SseItem<string>(JsonSerializer.Serialize(snapshot.Document, snapshot.Document.GetType(), json.Value.SerializerOptions), name)
                    {
                        EventId = (++sequence).ToString(CultureInfo.InvariantCulture),
                    };
                    lastSent = now;
                    if (snapshot.IsFinal)
                    {
                        yield break;
                    }
                }
                else if (now - lastSent >= settings.HeartbeatInterval)
                {
                    yield return new SseItem<string>(string.Empty, LiveResultEvents.Heartbeat);
                    lastSent = now;
                }

                var wait = Min(settings.StorePollInterval, settings.HeartbeatInterval - (now - lastSent), current.ExpiresAt - now);
                current = null;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(wait, time, timeout.Token);
                await Task.WhenAny(changed.Task, delay).ConfigureAwait(false);
                await timeout.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    private static TimeSpan Min(TimeSpan poll, TimeSpan heartbeat, TimeSpan expiry)
    {
        var wait = poll < heartbeat ? poll : heartbeat;
        if (expiry > TimeSpan.Zero && expiry < wait)
        {
            wait = expiry;
        }

        return wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1);
    }
}
