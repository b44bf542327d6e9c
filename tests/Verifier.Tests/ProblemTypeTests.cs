using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Wallet.Hosting;

namespace Wallet.Verifier.Tests;

/// <summary>
/// Errors of the Verifier link to their row in <c>specs/error-codes.md</c>: a problem's <c>type</c> (RFC 9457 §3.1.1) and a
/// wallet-facing <c>error_uri</c> (RFC 6749 §5.2) are the documentation page with the code as fragment, an anchor that exists.
/// </summary>
public sealed class ProblemTypeTests
{
    [Theory]
    [InlineData("""{"dcql_query":{"credentials":[]}}""", "dcql.empty_array")]
    [InlineData("""{}""", "api.missing_member")]
    [InlineData("""[1]""", "api.invalid_json")]
    public async Task An_invalid_presentation_request_problem_type_is_the_anchor_of_its_first_code_RFC9457_3_1_1(string body, string code)
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();

        var response = await api.PostAsync("/api/presentations", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var type = new Uri(problem["type"]!.GetValue<string>());
        type.GetLeftPart(UriPartial.Path).Should().Be(ErrorDocumentationOptions.DefaultPage.AbsoluteUri);
        type.Fragment.Should().Be("#" + code);
        CommittedAnchors().Should().Contain(code);
    }

    [Fact]
    public async Task A_wallet_error_at_the_response_uri_links_to_its_anchor_and_is_not_stored_RFC6749_5_2()
    {
        using var app = new VerifierApp();
        using var client = app.WalletClient();

        var response = await client.PostAsync("/oid4vp/response/unknown", new FormUrlEncodedContent(new Dictionary<string, string> { ["response"] = "x" }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        error["error"]!.GetValue<string>().Should().Be("invalid_request");
        CommittedAnchors().Should().Contain(new Uri(error["error_uri"]!.GetValue<string>()).Fragment.TrimStart('#'));
    }

    private static HashSet<string> CommittedAnchors()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Wallet.sln")))
        {
            directory = directory.Parent;
        }

        var page = File.ReadAllText(Path.Combine(directory!.FullName, "specs", "error-codes.md"));
        return Regex.Matches(page, "<a id=\"([^\"]+)\"></a>").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }
}
