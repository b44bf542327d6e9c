using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.Jose;
using Wallet.Core.StatusList;
using Wallet.Verifier.Page;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Tests;

/// <summary>
/// Issue 13 §5, the counter ID check page's endpoints (<c>/rp/counter</c>): only when enabled, only for the page's
/// session; the answer a clerk sees for an accepted PID (portrait, name, birth date, age, level, status, issuer) and for
/// a refused one (the plain-language kind and the exact failed check); nothing of the person in the event log.
/// </summary>
public sealed class CounterPageTests
{
    // A JPEG's first bytes (ISO/IEC 10918-1 SOI, APP0) and its last (EOI): enough for the page, which checks SOI only.
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0xFF, 0xD9];

    [Fact]
    public async Task Counter_page_is_not_served_unless_the_page_is_enabled()
    {
        using var app = new VerifierApp();

        (await app.WalletClient().GetAsync("/rp/counter")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("nb", "Start ID-kontroll")]
    [InlineData("en", "Start ID check")]
    public async Task Counter_page_is_in_the_requested_language_with_one_start_button(string lang, string button)
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);

        var response = await app.WalletClient().GetAsync("/rp/counter?lang=" + lang);
        var html = await response.Content.ReadAsStringAsync();

        html.Should().Contain($"<html lang=\"{lang}\">").And.Contain($"<button type=\"button\" id=\"start\" class=\"start\">{button}</button>").And.Contain("<script src=\"/rp/counter.js\" defer></script>");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("img-src 'self';", "the portrait comes from this origin, not from a data: URL");
    }

    [Fact]
    public async Task Starting_a_check_needs_the_page_session()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);

        var response = await app.WalletClient().PostAsJsonAsync("/rp/counter/checks", new { });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_valid_PID_with_a_portrait_is_accepted_with_portrait_name_birth_date_age_level_status_and_issuer()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await CounterBrowserAsync(app);
        var person = TestCredentials.Person with { Portrait = Jpeg };

        var (created, view) = await CheckAsync(app, browser, TestCredentials.IssuePid(SigningKey.Generate(), person: person));

        created["minimumLevelOfAssurance"]!.GetValue<string>().Should().Be("high", "the counter check requires the PID's level by default");
        view["state"]!.GetValue<string>().Should().Be("accepted", view.ToJsonString());
        view["givenName"]!.GetValue<string>().Should().Be(person.GivenName);
        view["familyName"]!.GetValue<string>().Should().Be("Nordmann");
        view["birthDate"]!.GetValue<string>().Should().Be(TestCredentials.BirthDate);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        view["age"]!.GetValue<int>().Should().Be(CounterCheck.AgeOn(person.BirthDate, today));
        view["levelOfAssurance"]!.GetValue<string>().Should().Be("high");
        view["credentialStatus"]!.GetValue<string>().Should().Be("valid");
        view["issuer"]!.GetValue<string>().Should().Be("https://pid.example.gov");
        view["trustAnchor"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        view["clearAfterSeconds"]!.GetValue<int>().Should().Be(30);

        var portrait = await browser.GetAsync(view["portrait"]!.GetValue<string>());
        portrait.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        portrait.Headers.CacheControl!.NoStore.Should().BeTrue("the portrait is not kept by the browser either");
        (await portrait.Content.ReadAsByteArrayAsync()).Should().Equal(Jpeg);

        using var other = await CounterBrowserAsync(app);
        (await other.GetAsync(view["portrait"]!.GetValue<string>())).StatusCode.Should().Be(HttpStatusCode.NotFound, "another browser session cannot see the person");
    }

    [Fact]
    public async Task An_mdoc_PID_answers_the_mdoc_alternative_and_its_portrait_bstr_is_served_as_the_JPEG_OpenID4VP_6_2()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await CounterBrowserAsync(app);
        var person = TestCredentials.Person with { Portrait = Jpeg };
        var wallet = new TestWallet(app.WalletClient(), app.RequestSigningRoot, app.Clock);
        wallet.Mdocs.Add(TestCredentials.IssuePidMdoc(SigningKey.Generate(), person: person));

        var (created, view) = await CheckAsync(app, browser, wallet);

        CounterCheck.Query.Json.GetProperty("credential_sets").GetRawText().Should().Be("""[{"options":[["counter_pid"],["counter_pid_mdoc"]]}]""");
        created["minimumLevelOfAssurance"]!.GetValue<string>().Should().Be("high");
        view["state"]!.GetValue<string>().Should().Be("accepted", view.ToJsonString());
        view["givenName"]!.GetValue<string>().Should().Be(person.GivenName);
        view["birthDate"]!.GetValue<string>().Should().Be(TestCredentials.BirthDate);
        view["levelOfAssurance"]!.GetValue<string>().Should().Be("high");
        (await (await browser.GetAsync(view["portrait"]!.GetValue<string>())).Content.ReadAsByteArrayAsync()).Should().Equal(Jpeg);
    }

    [Fact]
    public async Task A_revoked_mdoc_PID_is_refused_with_the_revoked_kind()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await CounterBrowserAsync(app);
        var wallet = new TestWallet(app.WalletClient(), app.RequestSigningRoot, app.Clock);
        wallet.Mdocs.Add(TestCredentials.IssuePidMdoc(SigningKey.Generate(), new StatusListReference(9, TestCredentials.CwtList)));

        var (_, view) = await CheckAsync(app, browser, wallet);

        view["state"]!.GetValue<string>().Should().Be("refused");
        view["reasons"]!.AsArray().Select(r => (r!["kind"]!.GetValue<string>(), r["code"]!.GetValue<string>())).Should().Contain(("revoked", "mdoc.status_revoked"));
    }

    [Fact]
    public async Task A_PID_without_a_portrait_is_accepted_and_the_view_says_it_has_none_OpenID4VP_6_4_claim_sets()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await CounterBrowserAsync(app);

        var (_, view) = await CheckAsync(app, browser, TestCredentials.IssuePid(SigningKey.Generate()));

        view["state"]!.GetValue<string>().Should().Be("accepted", view.ToJsonString());
        view["portrait"].Should().BeNull();
        view["familyName"]!.GetValue<string>().Should().Be("Nordmann");
    }

    [Fact]
    public async Task A_revoked_PID_is_refused_with_the_revoked_kind_and_the_exact_check()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await CounterBrowserAsync(app);

        var (_, view) = await CheckAsync(app, browser, TestCredentials.IssuePid(SigningKey.Generate(), revoked: true));

        view["state"]!.GetValue<string>().Should().Be("refused");
        view["reasons"]!.AsArray().Select(r => (r!["kind"]!.GetValue<string>(), r["code"]!.GetValue<string>())).Should().Contain(("revoked", "sd_jwt_vc.revoked"));
        view["givenName"].Should().BeNull("nothing of a refused PID is shown");
        view["portrait"].Should().BeNull();
    }

    [Theory]
    [InlineData("substantial", null)]
    [InlineData("low", "Substantial")]
    public async Task A_PID_below_the_counter_minimum_level_is_refused_with_the_level_kind(string anchorLevel, string? counterMinimum)
    {
        var settings = new Dictionary<string, string?>(PagePaths.Enabled) { ["Verifier:TrustAnchors:0"] = $"{TestCredentials.RootPemPath}|{anchorLevel}" };
        if (counterMinimum is not null)
        {
            settings["Verifier:DemoPage:CounterMinimumLevelOfAssurance"] = counterMinimum;
        }

        using var app = new VerifierApp(settings: settings);
        using var browser = await CounterBrowserAsync(app);

        var (_, view) = await CheckAsync(app, browser, TestCredentials.IssuePid(SigningKey.Generate(), person: TestCredentials.Person with { Portrait = Jpeg }));

        view["state"]!.GetValue<string>().Should().Be("refused");
        view["reasons"]!.AsArray().Select(r => (r!["kind"]!.GetValue<string>(), r["code"]!.GetValue<string>())).Should().Equal(("level", VerifierErrorCodes.LevelOfAssuranceTooLow));
    }

    [Fact]
    public async Task The_event_log_of_a_counter_check_holds_no_name_birth_date_or_portrait()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await CounterBrowserAsync(app);
        var person = TestCredentials.Person with { Portrait = Jpeg };

        var (created, _) = await CheckAsync(app, browser, TestCredentials.IssuePid(SigningKey.Generate(), person: person));

        var events = await app.Services.GetRequiredService<ITransactionEventLog>().ListAsync(created["transactionId"]!.GetValue<string>(), CancellationToken.None);
        var log = System.Text.Json.JsonSerializer.Serialize(events);
        events.Should().NotBeEmpty();
        log.Should().NotContain("Nordmann").And.NotContain(person.GivenName).And.NotContain(TestCredentials.BirthDate).And.NotContain(Convert.ToBase64String(Jpeg)[..8]);
    }

    [Theory]
    [InlineData("2000-06-15", "2026-06-14", 25)]
    [InlineData("2000-06-15", "2026-06-15", 26)]
    [InlineData("2000-02-29", "2026-02-28", 25)]
    [InlineData("2000-02-29", "2026-03-01", 26)]
    public void Age_is_whole_years_and_a_birthday_not_yet_reached_does_not_count(string born, string today, int age) =>
        CounterCheck.AgeOn(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(age);

    private static async Task<HttpClient> CounterBrowserAsync(VerifierApp app)
    {
        var browser = app.WalletClient();
        (await browser.GetAsync("/rp/counter")).StatusCode.Should().Be(HttpStatusCode.OK);
        return browser;
    }

    private static Task<(JsonNode Created, JsonNode View)> CheckAsync(VerifierApp app, HttpClient browser, HeldCredential credential) =>
        CheckAsync(app, browser, EndToEndTests.Wallet(app, credential));

    private static async Task<(JsonNode Created, JsonNode View)> CheckAsync(VerifierApp app, HttpClient browser, TestWallet wallet)
    {
        var response = await browser.PostAsJsonAsync("/rp/counter/checks", new { });
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        var created = JsonNode.Parse(text)!;
        var pending = (await browser.GetFromJsonAsync<JsonObject>($"/rp/counter/checks/{created["transactionId"]}"))!;
        pending["state"]!.GetValue<string>().Should().Be("pending");

        await wallet.RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        return (created, (await browser.GetFromJsonAsync<JsonObject>($"/rp/counter/checks/{created["transactionId"]}"))!);
    }
}
