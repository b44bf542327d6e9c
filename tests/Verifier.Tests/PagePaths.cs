using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Wallet.Verifier.Tests;

/// <summary>Calls the relying-party page makes, as a browser with its session cookie would.</summary>
public static class PagePaths
{
    public static readonly Dictionary<string, string?> Enabled = new() { ["Verifier:DemoPage:Enabled"] = "true" };

    /// <summary>A browser: its own cookie jar, with the page opened once so it has a session.</summary>
    public static async Task<HttpClient> BrowserAsync(VerifierApp app)
    {
        var browser = app.WalletClient();
        (await browser.GetAsync("/rp")).StatusCode.Should().Be(HttpStatusCode.OK);
        return browser;
    }

    public static JsonObject Choice(string preset = "pid_basics", string[]? formats = null, string responseMode = "direct_post.jwt", string method = "get", bool sameDevice = false) => new()
    {
        ["preset"] = preset,
        ["formats"] = new JsonArray((formats ?? ["dc+sd-jwt"]).Select(f => (JsonNode)f).ToArray()),
        ["response_mode"] = responseMode,
        ["request_uri_method"] = method,
        ["same_device"] = sameDevice,
    };

    public static async Task<JsonNode> CreateAsync(HttpClient browser, JsonObject choice)
    {
        var response = await browser.PostAsJsonAsync("/rp/presentations", choice);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> ResultAsync(HttpClient browser, string transactionId, string? responseCode = null)
    {
        var response = await browser.GetAsync($"/rp/presentations/{transactionId}{(responseCode is null ? string.Empty : $"?response_code={Uri.EscapeDataString(responseCode)}")}");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }
}
