using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Wallet.Core.OAuth;
using Wallet.Hosting;

namespace Wallet.Issuer.Tests;

/// <summary>
/// Wire errors link to their row in <c>specs/error-codes.md</c>: the <c>error_uri</c> is the documentation page with the
/// code as fragment (RFC 6749 §5.2), and that anchor exists on the committed page.
/// </summary>
public sealed class ErrorUriTests : IssuerTestBase
{
    [Fact]
    public async Task A_token_error_links_to_its_anchor_in_the_error_code_page_RFC6749_5_2()
    {
        var response = await Http.PostAsync("/token", new StringContent("{\"grant_type\":\"x\"}", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errorUri = await ErrorUriAsync(response);
        errorUri.GetLeftPart(UriPartial.Path).Should().Be(ErrorDocumentationOptions.DefaultPage.AbsoluteUri);
        errorUri.Fragment.Should().Be("#" + OAuthErrors.InvalidRequest);
        CommittedAnchors().Should().Contain(OAuthErrors.InvalidRequest);
    }

    [Fact]
    public async Task A_credential_endpoint_error_links_to_its_anchor_and_challenges_RFC6750_3()
    {
        var response = await Http.PostAsync("/credential", new StringContent("{}", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("DPoP error=\"invalid_token\"");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        CommittedAnchors().Should().Contain((await ErrorUriAsync(response)).Fragment.TrimStart('#'));
    }

    private static async Task<Uri> ErrorUriAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return new Uri(body["error_uri"]!.GetValue<string>());
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
