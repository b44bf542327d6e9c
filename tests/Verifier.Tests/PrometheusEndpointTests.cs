using System.Net;

namespace Wallet.Verifier.Tests;

/// <summary>
/// Issue 12, "Observe and limit": the host's Prometheus scrape endpoint is off by default and, with
/// <c>Telemetry:Prometheus=true</c>, serves the Verifier's own meters without any transaction's values.
/// </summary>
public sealed class PrometheusEndpointTests
{
    [Fact]
    public async Task Metrics_endpoint_is_off_unless_switched_on()
    {
        using var app = new VerifierApp();
        using var http = app.WalletClient();

        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Switched_on_it_serves_the_verifier_meters_in_the_prometheus_format_without_transaction_values()
    {
        using var app = new VerifierApp(settings: new() { ["Telemetry:Prometheus"] = "true" });
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());
        var transactionId = created["transactionId"]!.GetValue<string>();

        using var http = app.WalletClient();
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        text.Should().Contain("# TYPE wallet_verifier_presentations_requested").And.Contain("relying_party=\"rp1\"");
        text.Should().Contain("http_server_request_duration_seconds", "ASP.NET Core's own metrics are exported too");
        text.Should().NotContain(transactionId);
    }
}
