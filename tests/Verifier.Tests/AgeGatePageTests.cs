using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Wallet.Verifier.Tests;

/// <summary>The age-gate page's endpoints (<c>/rp/age</c>, <c>/rp/age-checks</c>): only when enabled, only for the page's session, only supported ages.</summary>
public sealed class AgeGatePageTests
{
    [Fact]
    public async Task Age_gate_page_is_not_served_unless_the_page_is_enabled()
    {
        using var app = new VerifierApp();

        (await app.WalletClient().GetAsync("/rp/age")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Age_gate_page_is_in_the_requested_language_and_lists_the_attestation_ages()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);

        var html = await app.WalletClient().GetStringAsync("/rp/age?lang=nb");

        html.Should().Contain("<html lang=\"nb\">").And.Contain("<script src=\"/rp/age.js\" defer></script>");
        foreach (var age in new[] { 13, 15, 16, 18, 21 })
        {
            html.Should().Contain($"<input type=\"radio\" name=\"age\" value=\"{age}\"");
        }
    }

    [Fact]
    public async Task Creating_an_age_check_needs_the_page_session()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);

        var response = await app.WalletClient().PostAsJsonAsync("/rp/age-checks", new { age_over = 18 });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(0)]
    public async Task An_age_the_attestation_does_not_state_is_refused(int age)
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = app.WalletClient();
        await browser.GetAsync("/rp/age");

        var response = await browser.PostAsJsonAsync("/rp/age-checks", new { age_over = age });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_created_age_check_asks_only_for_age_over_and_reads_back_pending()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = app.WalletClient();
        await browser.GetAsync("/rp/age");

        var response = await browser.PostAsJsonAsync("/rp/age-checks", new { age_over = 18 });
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var view = (await browser.GetFromJsonAsync<JsonObject>($"/rp/age-checks/{created["transactionId"]}"))!;

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        created["authorizationRequestUri"]!.GetValue<string>().Should().StartWith("openid4vp:");
        view.ToJsonString().Should().Be("""{"status":"pending","ageOver":18,"errors":[]}""");
    }
}
