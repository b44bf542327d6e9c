using Wallet.Hosting.Tests.Statistics;

namespace Wallet.Hosting.Tests.Telemetry;

/// <summary>
/// Issue 12, "Observe and limit": the whole journey (offers, logins, issuance, refused requests, presentations verified
/// and declined) runs with all telemetry on; the spans, metrics and logs that would leave the process hold no claim
/// value of the person and no access token, authorization code, nonce, state, password, offer or transaction id.
/// Alone in its collection: meters are listened to by name across the process, so another test's host would add to the sums.
/// </summary>
[Collection(nameof(TelemetryPersonalDataTests))]
public sealed class TelemetryPersonalDataTests(StatisticsWorkloadFixture fixture) : IClassFixture<StatisticsWorkloadFixture>
{
    [Fact]
    public void The_journey_is_traced_and_measured_with_the_services_own_meters()
    {
        var telemetry = fixture.Telemetry;
        var services = fixture.Host.Services;
        var dump = telemetry.Dump(services);

        dump.Should().Contain("span Microsoft.AspNetCore").And.Contain("http.route=/pid/credential").And.Contain("http.route=/api/presentations");
        telemetry.Sum(services, "wallet.issuer.credentials.issued", ("credential_configuration_id", StatisticsWorkloadFixture.SdJwtConfiguration), ("format", "dc+sd-jwt")).Should().Be(3);
        telemetry.Sum(services, "wallet.issuer.credential_requests.failed", ("error.code", "invalid_token")).Should().Be(2);
        telemetry.Sum(services, "wallet.verifier.presentations.requested", ("relying_party", "agency-rp")).Should().Be(3);
        telemetry.Sum(services, "wallet.verifier.presentations.verified", ("credential_type", "urn:eudi:pid:1")).Should().Be(2);
        telemetry.Sum(services, "wallet.verifier.presentations.rejected", ("error.code", "verifier.wallet_error")).Should().Be(1);
        dump.Should().Contain("metric Wallet.Issuer wallet.issuer.credential_request.duration").And.Contain("metric Wallet.Verifier wallet.verifier.response.validation.duration");
        dump.Should().Contain("metric Microsoft.AspNetCore.Hosting http.server.request.duration");
    }

    [Fact]
    public void No_span_metric_or_log_holds_a_claim_value_or_a_secret_of_the_journey()
    {
        var dump = fixture.Telemetry.Dump(fixture.Host.Services);

        fixture.PersonalValues.Should().HaveCountGreaterThan(5);
        fixture.Secrets.Should().HaveCountGreaterThan(8).And.OnlyContain(s => s.Length >= 8, "short values would match by chance");
        dump.Length.Should().BeGreaterThan(10_000, "the capture holds the whole journey");
        foreach (var value in fixture.PersonalValues)
        {
            dump.Should().NotContainEquivalentOf(value, "'{0}' is the person's", value);
        }

        foreach (var secret in fixture.Secrets)
        {
            dump.Should().NotContain(secret, "a secret of the journey must not leave the process");
        }

        dump.Should().NotContain("url.query=", "query strings carry codes and request URIs");
    }
}
