using System.Diagnostics.Metrics;
using Wallet.Hosting.Telemetry;

namespace Wallet.Issuer.Statistics;

/// <summary>
/// The Issuer's own OpenTelemetry instruments (meter <see cref="ServiceTelemetry.IssuerMeterName"/>), recorded at the
/// same points as the usage counters. Their tags are configuration ids, formats, statuses and error codes: values of
/// the service, never of a person, a token or a request.
/// </summary>
internal sealed class IssuerMetrics
{
    private readonly Counter<long> _issued;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _tokenErrors;
    private readonly Counter<long> _statusUpdates;
    private readonly Histogram<double> _credentialDuration;

    public IssuerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ServiceTelemetry.IssuerMeterName);
        _issued = meter.CreateCounter<long>("wallet.issuer.credentials.issued", "{credential}", "Credentials issued, per credential configuration and format.");
        _failed = meter.CreateCounter<long>("wallet.issuer.credential_requests.failed", "{request}", "Credential Requests answered with an error, per error code.");
        _tokenErrors = meter.CreateCounter<long>("wallet.issuer.token.errors", "{request}", "Token Requests answered with an error, per error code.");
        _statusUpdates = meter.CreateCounter<long>("wallet.issuer.status_list.updates", "{update}", "Status-list entries set by the agency (revoke, suspend, unsuspend), per status and outcome.");
        _credentialDuration = meter.CreateHistogram<double>("wallet.issuer.credential_request.duration", "s", "Time to answer a Credential Request, per outcome.");
    }

    public void Issued(string configurationId, string format, int count) =>
        _issued.Add(count, new("credential_configuration_id", configurationId), new("format", format));

    public void CredentialRequestFailed(string errorCode) => _failed.Add(1, new KeyValuePair<string, object?>("error.code", errorCode));

    public void TokenError(string errorCode) => _tokenErrors.Add(1, new KeyValuePair<string, object?>("error.code", errorCode));

    public void StatusListUpdated(string status, bool succeeded) =>
        _statusUpdates.Add(1, new("status", status), new("outcome", succeeded ? "applied" : "refused"));

    public void CredentialRequestDuration(TimeSpan elapsed, string? errorCode) =>
        _credentialDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", errorCode ?? "issued"));
}
