using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Wallet.Verifier.Tests.Operations;

/// <summary>
/// Issue 12 "Observe and limit", abuse limits: per client address on the request-object and response endpoints, per
/// API key on the relying-party API; 429 with Retry-After in the endpoint's error shape; configurable.
/// </summary>
public sealed class RateLimitTests
{
    private static VerifierApp App(bool enabled = true) => new(
        settings: new Dictionary<string, string?>
        {
            ["Verifier:RateLimits:Enabled"] = enabled ? "true" : "false",
            ["Verifier:RateLimits:PermitsPerClient"] = "3",
            ["Verifier:RateLimits:PermitsPerApiKey"] = "2",
            ["Verifier:RateLimits:Window"] = "01:00:00",
        },
        services: services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());

    private static async Task<HttpResponseMessage> FromAsync(HttpClient client, HttpMethod method, string path, string address)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent([]);
        }

        request.Headers.Add(ClientAddressFromHeader.Header, address);
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData("GET", "/oid4vp/request/unknown")]
    [InlineData("POST", "/oid4vp/request/unknown")]
    [InlineData("POST", "/oid4vp/response/unknown")]
    public async Task A_wallet_address_over_the_limit_gets_429_with_Retry_After_and_the_OAuth_error_while_another_goes_on(string method, string path)
    {
        using var app = App();
        using var client = app.WalletClient();
        for (var i = 0; i < 3; i++)
        {
            (await FromAsync(client, new HttpMethod(method), path, "198.51.100.1")).StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests);
        }

        using var limited = await FromAsync(client, new HttpMethod(method), path, "198.51.100.1");
        using var other = await FromAsync(client, new HttpMethod(method), path, "198.51.100.2");

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta!.Value.Should().BePositive();
        JsonNode.Parse(await limited.Content.ReadAsStringAsync())!["error"]!.GetValue<string>().Should().Be("temporarily_unavailable");
        other.StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_relying_party_api_is_limited_per_api_key_with_problem_details()
    {
        using var app = App();
        using var api = app.ApiClient();
        using var otherParty = app.ApiClient(VerifierApp.OtherApiKey);
        (await api.GetAsync("/api/presentations/unknown")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.GetAsync("/api/presentations/unknown")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var limited = await api.GetAsync("/api/presentations/unknown");
        using var other = await otherParty.GetAsync("/api/presentations/unknown");

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.Should().NotBeNull();
        limited.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        other.StatusCode.Should().Be(HttpStatusCode.NotFound, "another relying party is another partition");
    }

    [Fact]
    public async Task Disabled_by_configuration_nothing_is_limited()
    {
        using var app = App(enabled: false);
        using var client = app.WalletClient();

        for (var i = 0; i < 10; i++)
        {
            (await FromAsync(client, HttpMethod.Get, "/oid4vp/request/unknown", "198.51.100.1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
