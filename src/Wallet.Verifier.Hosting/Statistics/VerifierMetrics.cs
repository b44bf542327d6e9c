using System.Diagnostics.Metrics;
using Wallet.Hosting.Telemetry;

namespace Wallet.Verifier.Statistics;

/// <summary>
/// The Verifier's own OpenTelemetry instruments (meter <see cref="ServiceTelemetry.VerifierMeterName"/>), recorded at the
/// same points as the usage counters. Their tags are relying-party ids, credential types, formats and error codes:
/// values of the service, never a disclosed claim, a nonce or a transaction id.
/// </summary>
internal sealed class VerifierMetrics
{
    private readonly Counter<long> _requested;
    private readonly Counter<long> _verified;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _validationDuration;
    private readonly Counter<long> _webhookAttempts;

    public VerifierMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ServiceTelemetry.VerifierMeterName);
        _requested = meter.CreateCounter<long>("wallet.verifier.presentations.requested", "{request}", "Presentation requests created, per relying party and credential type.");
        _verified = meter.CreateCounter<long>("wallet.verifier.presentations.verified", "{credential}", "Credentials of verified presentations, per credential type and format.");
        _rejected = meter.CreateCounter<long>("wallet.verifier.presentations.rejected", "{response}", "Rejected presentations, per error code of the first failed check.");
        _webhookAttempts = meter.CreateCounter<long>("wallet.verifier.webhook.attempts", "{attempt}", "Webhook delivery attempts, per outcome: delivered, retry or dead_letter.");
        _validationDuration = meter.CreateHistogram<double>("wallet.verifier.response.validation.duration", "s", "Time to validate a wallet's response, per outcome.");
    }

    public void Requested(string relyingPartyId, string credentialType) =>
        _requested.Add(1, new("relying_party", relyingPartyId), new("credential_type", credentialType));

    public void Verified(string credentialType, string format) =>
        _verified.Add(1, new("credential_type", credentialType), new("format", format));

    public void Rejected(string errorCode) => _rejected.Add(1, new KeyValuePair<string, object?>("error.code", errorCode));

    public void ValidationDuration(TimeSpan elapsed, bool verified) =>
        _validationDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", verified ? "verified" : "rejected"));

    public void WebhookAttempt(string outcome) => _webhookAttempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
