using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Wallet.Verifier.Webhooks;

/// <summary>Degraded while any webhook delivery is dead-lettered: relying parties missed notifications (they can still poll).</summary>
internal sealed class WebhookDeadLetterHealthCheck(IWebhookOutbox outbox) : IHealthCheck
{
    public const string Name = "webhook-dead-letters";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var dead = await outbox.CountAsync(WebhookDeliveryState.DeadLetter, cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object> { ["dead_letters"] = dead };
        return dead == 0
            ? HealthCheckResult.Healthy("No webhook delivery is dead-lettered.", data)
            : HealthCheckResult.Degraded($"{dead} webhook deliveries were dead-lettered after their last attempt.", data: data);
    }
}
