using System.Net;
using System.Text;

namespace Wallet.Issuer.Tests;

/// <summary>Bad input never causes a 500: every endpoint answers garbage with a 4xx.</summary>
public sealed class GarbageInputTests() : IssuerTestBase(new Dictionary<string, string?> { ["Issuer:EnableDevelopmentLogin"] = "true" })
{
    public static TheoryData<string, string, string, string> Requests()
    {
        var data = new TheoryData<string, string, string, string>();
        string[] bodies = ["", "\0\u0001\u00ff", "{", "[]", "null", "{\"a\":" + new string('[', 500) + "}", "grant_type=%ZZ&&==", new string('x', 100_000)];
        string[] types = ["application/json", "application/x-www-form-urlencoded", "text/plain", "application/octet-stream"];
        foreach (var path in new[] { "/token", "/par", "/authorize/login", "/nonce", "/credential", "/api/offers", "/api/credentials/x/revoke" })
        {
            foreach (var body in bodies)
            {
                foreach (var type in types)
                {
                    data.Add("POST", path, body, type);
                }
            }
        }

        foreach (var path in new[] { "/credential-offers/%FF%FE", "/credential-offers/" + new string('a', 500), "/status-lists/abc", "/status-lists/99999999999999999999", "/status-lists/-1", "/.well-known/openid-credential-issuer/x", "/authorize?request_uri=%FF", "/authorize", "/api/persons/%FF/credentials" })
        {
            data.Add("GET", path, string.Empty, "text/plain");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Garbage_never_causes_a_server_error(string method, string path, string body, string contentType)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            request.Headers.TryAddWithoutValidation("Authorization", "DPoP " + body.Replace('\0', 'a').Replace('\n', 'a')[..Math.Min(body.Length, 50)]);
            request.Headers.TryAddWithoutValidation("DPoP", "garbage");
            request.Headers.TryAddWithoutValidation("X-API-Key", IssuerFactory.ApiKey);
        }

        var response = await Http.SendAsync(request);

        ((int)response.StatusCode).Should().BeLessThan(500, await response.Content.ReadAsStringAsync());
        if (path is "/token" or "/credential" or "/par")
        {
            ((int)response.StatusCode).Should().BeOneOf(400, 401);
            (await TestWallet.ErrorAsync(response)).Should().NotBeNullOrEmpty();
        }
    }

    [Fact]
    public async Task Agency_api_rejects_missing_and_wrong_api_keys_with_problem_details_RFC9457()
    {
        var missing = await Http.PostAsync("/api/offers", new StringContent("{\"personId\":\"kari-nordmann\"}", Encoding.UTF8, "application/json"));
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/offers") { Content = new StringContent("{\"personId\":\"kari-nordmann\"}", Encoding.UTF8, "application/json") };
        wrong.Headers.Add("X-API-Key", "not-the-key");

        missing.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        missing.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await Http.SendAsync(wrong)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
