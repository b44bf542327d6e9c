using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Wallet.Issuer.Tests.Operations;

/// <summary>
/// Issue 12 "Observe and limit", abuse limits: per client address on <c>/par</c>, <c>/nonce</c>, <c>/token</c> and the
/// offer fetch, per API key on the agency API; 429 with Retry-After in the endpoint's error shape; configurable.
/// </summary>
public sealed class RateLimitTests
{
    private const string OtherApiKey = "test-api-key-2";

    private static IssuerFactory Factory(bool enabled = true) => new(
        settings: new Dictionary<string, string?>
        {
            ["Issuer:RateLimits:Enabled"] = enabled ? "true" : "false",
            ["Issuer:RateLimits:PermitsPerClient"] = "3",
            ["Issuer:RateLimits:PermitsPerApiKey"] = "2",
            ["Issuer:RateLimits:Window"] = "01:00:00",
            ["Issuer:ApiKeys:1:Name"] = "other",
            ["Issuer:ApiKeys:1:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(OtherApiKey))),
        },
        services: services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());

    private static Task<HttpResponseMessage> PostFromAsync(HttpClient client, string path, string address, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content ?? new FormUrlEncodedContent([]) };
        request.Headers.Add(ClientAddressFromHeader.Header, address);
        return client.SendAsync(request);
    }

    [Theory]
    [InlineData("/nonce")]
    [InlineData("/token")]
    [InlineData("/par")]
    public async Task A_client_over_the_limit_gets_429_with_Retry_After_and_the_OAuth_error_while_another_address_goes_on(string path)
    {
        using var factory = Factory();
        using var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            (await PostFromAsync(client, path, "192.0.2.1")).StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests);
        }

        using var limited = await PostFromAsync(client, path, "192.0.2.1");
        using var other = await PostFromAsync(client, path, "192.0.2.2");

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta!.Value.Should().BePositive().And.BeLessThanOrEqualTo(TimeSpan.FromHours(1));
        limited.Headers.CacheControl!.NoStore.Should().BeTrue();
        var body = JsonNode.Parse(await limited.Content.ReadAsStringAsync())!;
        body["error"]!.GetValue<string>().Should().Be("temporarily_unavailable");
        other.StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests, "another address is another partition");
    }

    [Fact]
    public async Task The_offer_fetch_is_limited_per_client_with_problem_details()
    {
        using var factory = Factory();
        using var client = factory.CreateClient();
        HttpResponseMessage Get(string address)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/credential-offers/unknown");
            request.Headers.Add(ClientAddressFromHeader.Header, address);
            return client.SendAsync(request).GetAwaiter().GetResult();
        }

        for (var i = 0; i < 3; i++)
        {
            Get("192.0.2.1").StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using var limited = Get("192.0.2.1");

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.Should().NotBeNull();
        limited.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        JsonNode.Parse(await limited.Content.ReadAsStringAsync())!["status"]!.GetValue<int>().Should().Be(429);
        Get("192.0.2.3").StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_agency_api_is_limited_per_api_key_with_problem_details()
    {
        using var factory = Factory();
        using var api = factory.CreateApiClient();
        using var other = factory.CreateClient();
        other.DefaultRequestHeaders.Add("X-API-Key", OtherApiKey);

        (await api.GetAsync("/api/audit")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.PostAsJsonAsync("/api/offers", new { personId = "kari-nordmann" })).StatusCode.Should().Be(HttpStatusCode.Created);
        using var limited = await api.GetAsync("/api/audit");
        using var otherKey = await other.GetAsync("/api/audit");

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.Should().NotBeNull();
        limited.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        otherKey.StatusCode.Should().Be(HttpStatusCode.OK, "another key is another partition");
    }

    [Fact]
    public async Task Disabled_by_configuration_nothing_is_limited()
    {
        using var factory = Factory(enabled: false);
        using var client = factory.CreateClient();

        for (var i = 0; i < 10; i++)
        {
            (await PostFromAsync(client, "/nonce", "192.0.2.1")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    [Fact]
    public void A_limit_below_one_fails_the_start_naming_the_setting()
    {
        using var factory = new IssuerFactory(settings: new Dictionary<string, string?> { ["Issuer:RateLimits:PermitsPerClient"] = "0" });

        var start = () => factory.CreateClient();

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().Which.Message.Should().Contain("Issuer:RateLimits:PermitsPerClient");
    }

    /// <summary>The test server has no client address; the tests name one per request, as a forwarded-headers middleware would.</summary>
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
