using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Wallet.Verifier.Tests;

/// <summary>Calls to the relying-party API.</summary>
public static class Api
{
    public const string PidQuery = """{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["urn:eudi:pid:1"]},"claims":[{"path":["given_name"]},{"path":["family_name"]}]}]}""";

    public static JsonObject Body(string responseMode = "direct_post.jwt", string requestUriMethod = "get", string? redirectUri = null, string query = PidQuery)
    {
        var body = new JsonObject
        {
            ["dcql_query"] = JsonNode.Parse(query),
            ["response_mode"] = responseMode,
            ["request_uri_method"] = requestUriMethod,
        };
        if (redirectUri is not null)
        {
            body["redirect_uri"] = redirectUri;
        }

        return body;
    }

    public static async Task<JsonNode> CreateAsync(HttpClient api, JsonObject body)
    {
        var response = await api.PostAsJsonAsync("/api/presentations", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> StatusAsync(HttpClient api, string transactionId, string? responseCode = null)
    {
        var response = await api.GetAsync($"/api/presentations/{transactionId}{(responseCode is null ? string.Empty : $"?response_code={Uri.EscapeDataString(responseCode)}")}");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    public static string[] ErrorCodes(JsonNode status) => status["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToArray();
}
