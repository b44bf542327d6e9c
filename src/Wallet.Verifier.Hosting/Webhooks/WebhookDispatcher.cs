using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Wallet.Verifier.Options;
using Wallet.Verifier.Statistics;

namespace Wallet.Verifier.Webhooks;

/// <summary>
/// Delivers the outbox: POSTs each due notification to its relying party's webhook; a 2xx answer delivers it, anything
/// else (or no answer within <see cref="Timeout"/>) schedules the next attempt after an exponentially growing delay with
/// ±20 % jitter, and after <see cref="WebhookOptions.MaxAttempts"/> the delivery is dead-lettered. The schedule is
/// persisted with the delivery, so a restart resumes it rather than starting over (which an in-process retry policy
/// such as Polly's would).
/// </summary>
internal sealed partial class WebhookDispatcher(
    IWebhookOutbox outbox,
    IHttpClientFactory clients,
    WebhookSignal signal,
    VerifierMetrics metrics,
    IOptions<VerifierOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "Wallet.Verifier.Webhooks";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromHours(1);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);
    private const int Batch = 32;

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: <paramref name="first"/> × 2^(attempts − 1), at most an hour, times 0.8 to 1.2.</summary>
    public static TimeSpan Backoff(TimeSpan first, int attempts, double jitter)
    {
        var exponential = first.TotalSeconds * Math.Pow(2, Math.Min(attempts - 1, 20));
        return TimeSpan.FromSeconds(Math.Min(exponential, LongestDelay.TotalSeconds) * (0.8 + (0.4 * jitter)));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.NextAsync();
            var full = false;
            try
            {
                var due = await outbox.ListDueAsync(time.GetUtcNow(), Batch, stoppingToken).ConfigureAwait(false);
                foreach (var delivery in due)
                {
                    await DeliverAsync(delivery, stoppingToken).ConfigureAwait(false);
                }

                full = due.Count == Batch;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogOutboxFailed(logger, e);
            }

            if (!full)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(wake, Task.Delay(Idle, time, idle.Token)).ConfigureAwait(false);
                await idle.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task DeliverAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var webhook = options.Value.RelyingParties.FirstOrDefault(p => string.Equals(p.Id, delivery.RelyingPartyId, StringComparison.Ordinal))?.Webhook;
        if (webhook?.Url is null)
        {
            await DeadLetterAsync(delivery with { State = WebhookDeliveryState.DeadLetter }, cancellationToken).ConfigureAwait(false);
            return;
        }

        int? status = null;
        try
        {
            using var content = new ByteArrayContent(Encoding.ASCII.GetBytes(delivery.Body));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/jwt");
            using var response = await clients.CreateClient(HttpClientName).PostAsync(webhook.Url, content, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The client's timeout.
        }

        var attempts = delivery.Attempts + 1;
        if (status is >= 200 and < 300)
        {
            await outbox.UpdateAsync(delivery with { State = WebhookDeliveryState.Delivered, Attempts = attempts, LastStatusCode = status }, cancellationToken).ConfigureAwait(false);
            metrics.WebhookAttempt("delivered");
            return;
        }

        if (attempts >= webhook.MaxAttempts)
        {
            await DeadLetterAsync(delivery with { State = WebhookDeliveryState.DeadLetter, Attempts = attempts, LastStatusCode = status }, cancellationToken).ConfigureAwait(false);
            return;
        }

        var next = time.GetUtcNow() + Backoff(webhook.FirstRetryDelay, attempts, Random.Shared.NextDouble());
        await outbox.UpdateAsync(delivery with { Attempts = attempts, NextAttemptAt = next, LastStatusCode = status }, cancellationToken).ConfigureAwait(false);
        metrics.WebhookAttempt("retry");
    }

    private async Task DeadLetterAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        await outbox.UpdateAsync(delivery, cancellationToken).ConfigureAwait(false);
        metrics.WebhookAttempt("dead_letter");
        LogDeadLettered(logger, delivery.Id, delivery.RelyingPartyId, delivery.Attempts, delivery.LastStatusCode);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The webhook outbox could not be processed; trying again shortly.")]
    private static partial void LogOutboxFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} for relying party {RelyingPartyId} was dead-lettered after {Attempts} attempts (last HTTP status {Status}).")]
    private static partial void LogDeadLettered(ILogger logger, string deliveryId, string relyingPartyId, int attempts, int? status);
}
