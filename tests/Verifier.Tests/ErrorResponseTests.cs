using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Verifier.Stores;

namespace Wallet.Verifier.Tests;

/// <summary>
/// Every error of the Verifier host has a body: OAuth error JSON on the wallet endpoints, RFC 9457 problems elsewhere, and
/// never exception details, also in Development (issue 10, defect 6).
/// </summary>
public sealed class ErrorResponseTests
{
    [Theory]
    [InlineData("GET", "/no-such-route", 404)]
    [InlineData("GET", "/api/no-such-route", 404)]
    [InlineData("DELETE", "/api/presentations", 405)]
    [InlineData("GET", "/oid4vp/response/abc", 405)]
    [InlineData("PUT", "/oid4vp/request/abc", 405)]
    public async Task Error_status_without_an_endpoint_body_is_a_problem_RFC9457_3(string method, string path, int status)
    {
        using var app = new VerifierApp();
        using var client = app.ApiClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        ((int)response.StatusCode).Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<int>().Should().Be(status);
    }

    [Theory]
    [InlineData("/oid4vp/response/abc", "application/json", 415)]
    [InlineData("/oid4vp/response/abc", "application/x-www-form-urlencoded", 400)]
    [InlineData("/oid4vp/request/abc", "text/plain", 415)]
    public async Task Wallet_endpoint_errors_are_oauth_error_json_OID4VP_8_2(string path, string contentType, int status)
    {
        using var app = new VerifierApp();
        using var client = app.WalletClient();

        using var response = await client.PostAsync(path, new StringContent("vp_token=x", Encoding.UTF8, contentType));

        ((int)response.StatusCode).Should().Be(status);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>().Should().Be("invalid_request");
    }

    [Fact]
    public async Task Unhandled_exception_in_development_is_a_problem_without_internals_RFC9457_3()
    {
        using var app = new VerifierApp(
            settings: new() { ["environment"] = "Development" },
            services: s => s.AddSingleton<ITransactionStore>(new FailingReads()));
        using var client = app.ApiClient();
        client.DefaultRequestHeaders.Add("X-Secret-Header", "header-value-42");

        using var response = await client.GetAsync("/api/presentations/abc");
        var body = await response.Content.ReadAsStringAsync();

        app.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>().EnvironmentName.Should().Be("Development");
        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        body.Should().NotContain("secret detail").And.NotContain(nameof(FailingReads)).And.NotContain("InvalidOperationException")
            .And.NotContain("header-value-42").And.NotContain(".cs:").And.NotContain(" at ");
    }

    /// <summary>A store whose reads fail, as a disk error would; the start-up recovery finds nothing to do.</summary>
    private sealed class FailingReads : ITransactionStore
    {
        public ValueTask CreateAsync(TransactionRecord transaction, CancellationToken cancellationToken) => throw Failure();

        public ValueTask<TransactionRecord?> FindAsync(string id, CancellationToken cancellationToken) => throw Failure();

        public ValueTask<TransactionRecord?> FindByRequestIdAsync(string requestId, CancellationToken cancellationToken) => throw Failure();

        public ValueTask<bool> TryTransitionAsync(string id, TransactionTransition transition, CancellationToken cancellationToken) => throw Failure();

        public ValueTask<IReadOnlyList<string>> ListIdsAsync(TransactionStatus status, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<string>>([]);

        public ValueTask<int> PurgeAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken) => ValueTask.FromResult(0);

        private static InvalidOperationException Failure() => new("secret detail: disk error");
    }
}
