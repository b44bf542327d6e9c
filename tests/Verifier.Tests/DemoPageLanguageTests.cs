using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Wallet.Verifier.Tests;

/// <summary>The relying-party page in Norwegian bokmål and English: markup, the script's texts, and the switch.</summary>
public sealed partial class DemoPageLanguageTests
{
    [Theory]
    [InlineData("nb-NO,nb;q=0.9,en;q=0.5", "nb", "Be en lommebok om bevis", "Bekreftet: alle kontroller ble bestått.")]
    [InlineData("en-US,en;q=0.9", "en", "Ask a wallet for credentials", "Verified: every check passed.")]
    public async Task Page_and_its_script_texts_follow_Accept_Language(string acceptLanguage, string lang, string heading, string verified)
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = app.WalletClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/rp");
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        var response = await browser.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentLanguage.Should().Equal(lang);
        html.Should().Contain($"<html lang=\"{lang}\">").And.Contain($"<h1>{WebUtility.HtmlEncode(heading).Replace("å", "&#xE5;", StringComparison.Ordinal)}</h1>");
        var texts = JsonNode.Parse(ScriptTexts().Match(html).Groups[1].Value)!;
        texts["verified"]!.GetValue<string>().Should().Be(verified, "the script shows the result in the page's language");
        html.Should().Contain("<nav class=\"language-switch\"").And.Contain("href=\"/rp?lang=nb\"").And.Contain("href=\"/rp?lang=en\"");
    }

    [Fact]
    public async Task Script_texts_cannot_close_their_data_block()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);

        var html = await app.WalletClient().GetStringAsync("/rp?lang=nb");

        ScriptTexts().Match(html).Groups[1].Value.Should().NotContain("<", "the JSON encoder escapes '<', so no text ends the script element");
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"page-text\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptTexts();
}
