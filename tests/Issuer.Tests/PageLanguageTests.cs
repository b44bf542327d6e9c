using System.Net;

namespace Wallet.Issuer.Tests;

/// <summary>The Issuer's pages in Norwegian bokmål and English, with <c>&lt;html lang&gt;</c>, the switch and the help link.</summary>
public sealed class PageLanguageTests() : IssuerTestBase(new Dictionary<string, string?> { ["Issuer:EnableDevelopmentLogin"] = "true" })
{
    [Theory]
    [InlineData("nb-NO,nb;q=0.9", "nb", "Legg PID-en din i lommeboken", "Åpne i lommeboken på denne enheten")]
    [InlineData("en-GB", "en", "Add your PID to your wallet", "Open in wallet on this device")]
    public async Task Offer_page_follows_Accept_Language(string acceptLanguage, string lang, string title, string link)
    {
        var created = await CreateOfferAsync(new { credentialConfigurationIds = new[] { SdJwtConfiguration }, personId = "kari-nordmann" });
        using var request = new HttpRequestMessage(HttpMethod.Get, created["offerPageUrl"]!.GetValue<string>());
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        var response = await Http.SendAsync(request);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentLanguage.Should().Equal(lang);
        html.Should().StartWith($"<!DOCTYPE html><html lang=\"{lang}\">").And.Contain($"<title>{title}</title>").And.Contain(link);
        html.Should().Contain("<nav class=\"language-switch\"").And.Contain("href=\"/help\"", "every page links the help page");
    }

    [Fact]
    public async Task Switching_language_on_the_login_page_keeps_the_request_and_is_remembered()
    {
        var requestUri = await PushMinimalAuthorizationRequestAsync();
        var path = $"/authorize?client_id=w&request_uri={Uri.EscapeDataString(requestUri)}";
        var english = await (await Http.GetAsync(path)).Content.ReadAsStringAsync();
        var switchLink = System.Text.RegularExpressions.Regex.Match(english, "<a href=\"([^\"]+)\" lang=\"nb\"").Groups[1].Value;

        var switched = await Http.GetAsync(WebUtility.HtmlDecode(switchLink));
        var norwegian = WebUtility.HtmlDecode(await switched.Content.ReadAsStringAsync());

        switched.StatusCode.Should().Be(HttpStatusCode.OK, "the switch link is the same authorization request with lang=nb");
        norwegian.Should().Contain("<html lang=\"nb\">").And.Contain("Logg inn for å få PID-en din").And.Contain("name=\"request_uri\"");
        switched.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("lang=nb", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("nb", "Slik får du din første PID", "Hva er koden til?")]
    [InlineData("en", "Getting your first PID", "What is the code for?")]
    public async Task Help_page_explains_wallet_scanning_code_and_failures(string lang, string title, string codeHeading)
    {
        var response = await Http.GetAsync($"/help?lang={lang}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain($"<html lang=\"{lang}\">").And.Contain($"<h1>{title}</h1>").And.Contain(codeHeading);
        html.Should().Contain("id=\"what-wallet\"").And.Contain("id=\"how-scan\"").And.Contain("id=\"what-code\"").And.Contain("id=\"when-fails\"");
    }

    [Fact]
    public async Task Error_page_says_what_happened_in_plain_language_and_keeps_the_exact_check_for_support()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/authorize?client_id=w&request_uri=urn:unknown");
        request.Headers.TryAddWithoutValidation("Accept-Language", "nb");

        var response = await Http.SendAsync(request);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        html.Should().Contain("<h1>Forespørselen ble ikke godtatt</h1>").And.Contain("Start på nytt fra lommeboken").And.Contain("Detaljer (for brukerstøtte): <span lang=\"en\">");
    }
}
