using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using QRCoder;
using Wallet.Core.SdJwt;

namespace Wallet.Verifier.Tests;

/// <summary>
/// The relying-party page (<c>/rp</c>): served only when enabled, creates transactions for its own relying party and
/// browser session, shows the request as a QR code, and shows the verified result with its checks — never another
/// relying party's or another browser's transaction, and never personal data in the logs.
/// </summary>
public sealed partial class DemoPageTests
{
    [Theory]
    [InlineData("/rp")]
    [InlineData("/rp/app.js")]
    [InlineData("/")]
    public async Task Page_is_not_served_unless_enabled(string path)
    {
        using var app = new VerifierApp();

        var response = await app.WalletClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Page_creation_endpoint_does_not_exist_unless_enabled()
    {
        using var app = new VerifierApp();

        var response = await app.WalletClient().PostAsJsonAsync("/rp/presentations", PagePaths.Choice());

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Page_renders_with_labelled_controls_a_strict_content_security_policy_and_a_session_cookie()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = app.WalletClient();

        var response = await browser.GetAsync("/rp");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        html.Should().Contain("<html lang=\"en\">").And.Contain("<script src=\"/rp/app.js\" defer></script>").And.NotContain("<script>");
        foreach (var preset in new[] { "pid_basics", "age_from_birth_date", "address", "nationality" })
        {
            html.Should().MatchRegex($"<label><input type=\"radio\" name=\"preset\" value=\"{preset}\"[^>]*> [^<]+", "every preset is a labelled radio button");
        }

        html.Should().Contain("<label for=\"response_mode\">").And.Contain("<select id=\"response_mode\">");
        html.Should().Contain("<label for=\"request_uri_method\">").And.Contain("<select id=\"request_uri_method\">");
        html.Should().Contain("has no <code>age_over_18</code> attribute", "the age check says honestly that the birth date is disclosed");
        html.Should().Contain("role=\"status\" aria-live=\"polite\"", "the result is announced to screen readers");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("default-src 'none'").And.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.NotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        cookie.Should().StartWith("__Host-verifier-rp=").And.Contain("secure").And.Contain("httponly").And.Contain("samesite=lax").And.Contain("path=/");
        (await browser.GetAsync("/rp/app.js")).Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        (await browser.GetAsync("/rp/app.css")).Content.Headers.ContentType!.MediaType.Should().Be("text/css");
        var root = await browser.GetAsync("/");
        root.StatusCode.Should().Be(HttpStatusCode.Redirect);
        root.Headers.Location!.OriginalString.Should().Be("/rp");
    }

    [Fact]
    public async Task Page_keeps_the_session_of_a_returning_browser()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await PagePaths.BrowserAsync(app);
        var created = await PagePaths.CreateAsync(browser, PagePaths.Choice());

        var again = await browser.GetAsync("/rp");

        again.Headers.Contains("Set-Cookie").Should().BeFalse("a browser that has a session keeps it, or it would lose its transactions");
        (await PagePaths.ResultAsync(browser, Id(created)))["status"]!.GetValue<string>().Should().Be("pending");
    }

    [Theory]
    [InlineData("pid_basics", new[] { "dc+sd-jwt" }, new[] { "given_name", "family_name", "birthdate" })]
    [InlineData("pid_basics", new[] { "mso_mdoc" }, new[] { "given_name", "family_name", "birth_date" })]
    [InlineData("age_from_birth_date", new[] { "dc+sd-jwt" }, new[] { "birthdate" })]
    [InlineData("age_from_birth_date", new[] { "mso_mdoc" }, new[] { "birth_date" })]
    [InlineData("address", new[] { "dc+sd-jwt" }, new[] { "address" })]
    [InlineData("address", new[] { "mso_mdoc" }, new[] { "resident_street", "resident_postal_code", "resident_city", "resident_country", "resident_address" })]
    [InlineData("nationality", new[] { "dc+sd-jwt" }, new[] { "nationalities" })]
    [InlineData("nationality", new[] { "mso_mdoc" }, new[] { "nationality" })]
    public async Task Each_preset_becomes_a_DCQL_query_for_the_PID_OID4VP_6(string preset, string[] formats, string[] claims)
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await PagePaths.BrowserAsync(app);

        var created = await PagePaths.CreateAsync(browser, PagePaths.Choice(preset, formats));

        created["authorizationRequestUri"]!.GetValue<string>().Should().StartWith("openid4vp://?client_id=x509_hash%3A");
        created["qrCode"]!.GetValue<string>().Should().Be($"/rp/presentations/{Id(created)}/qr.svg");
        var query = created["dcqlQuery"]!["credentials"]!.AsArray().Single()!;
        query["format"]!.GetValue<string>().Should().Be(formats[0]);
        var meta = formats[0] == "dc+sd-jwt" ? query["meta"]!["vct_values"]![0]!.GetValue<string>() : query["meta"]!["doctype_value"]!.GetValue<string>();
        meta.Should().Be(formats[0] == "dc+sd-jwt" ? "urn:eudi:pid:1" : "eu.europa.ec.eudi.pid.1");
        query["claims"]!.AsArray().Select(c => c!["path"]!.AsArray().Last()!.GetValue<string>()).Should().Equal(claims);
    }

    [Fact]
    public async Task Page_can_choose_the_client_id_prefix_OID4VP_5_9_3()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await PagePaths.BrowserAsync(app);
        var choice = PagePaths.Choice();
        choice["client_id_prefix"] = "x509_san_dns";

        var created = await PagePaths.CreateAsync(browser, choice);

        created["authorizationRequestUri"]!.GetValue<string>().Should().StartWith("openid4vp://?client_id=x509_san_dns%3Averifier.example&");
        await EndToEndTests.Wallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());
        (await PagePaths.ResultAsync(browser, Id(created)))["status"]!.GetValue<string>().Should().Be("verified");
    }

    [Fact]
    public async Task Both_formats_let_the_wallet_answer_with_either_OID4VP_6_2()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await PagePaths.BrowserAsync(app);

        var created = await PagePaths.CreateAsync(browser, PagePaths.Choice(formats: ["dc+sd-jwt", "mso_mdoc"]));

        created["dcqlQuery"]!["credentials"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).Should().Equal("pid", "pid_mdoc");
        created["dcqlQuery"]!["credential_sets"]!.ToJsonString().Should().Be("""[{"options":[["pid"],["pid_mdoc"]]}]""");
        var run = await MdocEndToEndTests.MdocWallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());
        run.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = await PagePaths.ResultAsync(browser, Id(created));
        result["status"]!.GetValue<string>().Should().Be("verified", result.ToJsonString());
        result["credentials"]!["pid_mdoc"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task Qr_code_is_an_svg_of_exactly_the_authorization_request_uri()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await PagePaths.BrowserAsync(app);
        var created = await PagePaths.CreateAsync(browser, PagePaths.Choice(method: "post"));
        var uri = created["authorizationRequestUri"]!.GetValue<string>();

        var response = await browser.GetAsync(created["qrCode"]!.GetValue<string>());
        var svg = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("image/svg+xml");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        XDocument.Parse(svg).Root!.Name.LocalName.Should().Be("svg");
        var modules = Modules(svg);

        // The symbol's dark modules are exactly those of the URI's QR code (level M, with quiet zone), and not those of a
        // URI one character away: the image carries this URI and nothing else. Decoding with a camera comes with issue 7.
        modules.Should().Equal(Expected(uri));
        modules.Should().NotEqual(Expected(uri[..^1] + (uri[^1] == 'A' ? 'B' : 'A')));
    }

    [Fact]
    public async Task Result_shows_the_verified_claims_and_every_check_after_the_wallet_responds()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await PagePaths.BrowserAsync(app);
        var created = await PagePaths.CreateAsync(browser, PagePaths.Choice());
        (await PagePaths.ResultAsync(browser, Id(created)))["status"]!.GetValue<string>().Should().Be("pending");

        var run = await EndToEndTests.Wallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        run.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = await PagePaths.ResultAsync(browser, Id(created));
        result["status"]!.GetValue<string>().Should().Be("verified", result.ToJsonString());
        var pid = result["credentials"]!["pid"]!.AsArray().Single()!;
        pid["claims"]!["given_name"]!.GetValue<string>().Should().Be(TestCredentials.GivenName);
        pid["claims"]!["birthdate"]!.GetValue<string>().Should().Be(TestCredentials.BirthDate);
        pid["claims"]!["nationalities"].Should().BeNull("only what was asked for is disclosed and shown");
        result["checks"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Equal(
            "Response decrypted", "One response", "state", "nonce",
            "pid[0]: issuer signature", "pid[0]: issuer trusted", "pid[0]: disclosures", "pid[0]: validity", "pid[0]: key binding", "pid[0]: status",
            "DCQL");
        result["checks"]!.AsArray().Select(c => c!["detail"]!.GetValue<string>()).Should().Contain(d => d.Contains("level of assurance high", StringComparison.Ordinal));
        result["errors"]!.AsArray().Should().BeEmpty();
        result["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).Should().ContainInOrder("created", "request_fetched", "response_received", "verified");
        result["expiresAt"]!.GetValue<DateTimeOffset>().Should().BeAfter(app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Mdoc_result_lists_the_device_signature_check_OID4VP_B_2_6_1()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await PagePaths.BrowserAsync(app);
        var created = await PagePaths.CreateAsync(browser, PagePaths.Choice("nationality", ["mso_mdoc"], responseMode: "direct_post"));

        await MdocEndToEndTests.MdocWallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        var result = await PagePaths.ResultAsync(browser, Id(created));
        result["status"]!.GetValue<string>().Should().Be("verified", result.ToJsonString());
        result["credentials"]!["pid_mdoc"]![0]!["claims"]!["eu.europa.ec.eudi.pid.1"]!["nationality"]!.ToJsonString().Should().Be("""["NO"]""");
        var names = result["checks"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToArray();
        names.Should().Contain(["pid_mdoc[0]: digests", "pid_mdoc[0]: device signature"]).And.NotContain("Response decrypted", "direct_post is not encrypted");
    }

    [Fact]
    public async Task Rejected_result_lists_every_failed_check_and_no_claim()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await PagePaths.BrowserAsync(app);
        var created = await PagePaths.CreateAsync(browser, PagePaths.Choice());

        await EndToEndTests.Wallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>(), new WalletBehaviour { Nonce = "another-nonce" });

        var result = await PagePaths.ResultAsync(browser, Id(created));
        result["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(result).Should().Contain(SdJwtErrorCodes.KeyBindingNonceMismatch);
        result["credentials"]!.AsObject().Should().BeEmpty();
        result["checks"]!.AsArray().Should().BeEmpty("a rejected result is shown by its failed checks");
    }

    [Fact]
    public async Task Same_device_result_is_released_only_with_the_response_code_of_the_redirect_OID4VP_14_2()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await PagePaths.BrowserAsync(app);
        var created = await PagePaths.CreateAsync(browser, PagePaths.Choice(sameDevice: true));

        var run = await EndToEndTests.Wallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        var redirect = run.Body!["redirect_uri"]!.GetValue<string>();
        redirect.Should().StartWith("https://verifier.example/rp#response_code=");
        var code = redirect[(redirect.IndexOf('=', StringComparison.Ordinal) + 1)..];
        (await PagePaths.ResultAsync(browser, Id(created)))["status"]!.GetValue<string>().Should().Be("pending");
        (await PagePaths.ResultAsync(browser, Id(created), "wrong-code"))["status"]!.GetValue<string>().Should().Be("pending");
        var result = await PagePaths.ResultAsync(browser, Id(created), code);
        result["status"]!.GetValue<string>().Should().Be("verified");
        result["checks"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Contain("Response code");
    }

    [Fact]
    public async Task Another_browser_never_sees_the_transaction()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await PagePaths.BrowserAsync(app);
        using var other = await PagePaths.BrowserAsync(app);
        using var noSession = app.WalletClient();
        var created = await PagePaths.CreateAsync(browser, PagePaths.Choice());
        await EndToEndTests.Wallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        (await other.GetAsync($"/rp/presentations/{Id(created)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync($"/rp/presentations/{Id(created)}/qr.svg")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await noSession.GetAsync($"/rp/presentations/{Id(created)}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await noSession.GetAsync($"/rp/presentations/{Id(created)}/qr.svg")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await PagePaths.ResultAsync(browser, Id(created)))["status"]!.GetValue<string>().Should().Be("verified");
    }

    [Fact]
    public async Task Page_and_api_relying_parties_never_see_each_others_transactions()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await PagePaths.BrowserAsync(app);
        using var api = app.ApiClient();
        var fromPage = await PagePaths.CreateAsync(browser, PagePaths.Choice());
        var fromApi = await Api.CreateAsync(api, Api.Body());

        (await api.GetAsync($"/api/presentations/{Id(fromPage)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.GetAsync($"/api/presentations/{Id(fromPage)}/events")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/rp/presentations/{Id(fromApi)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/rp/presentations/{Id(fromApi)}/qr.svg")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Page_cannot_create_without_a_session()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var noSession = app.WalletClient();

        var response = await noSession.PostAsJsonAsync("/rp/presentations", PagePaths.Choice());

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData("""{"preset":"everything","formats":["dc+sd-jwt"]}""")]
    [InlineData("""{"preset":"pid_basics","formats":[]}""")]
    [InlineData("""{"preset":"pid_basics","formats":["jwt_vc_json"]}""")]
    [InlineData("""{"preset":"pid_basics","formats":["dc+sd-jwt","dc+sd-jwt"]}""")]
    [InlineData("""{"preset":"pid_basics","formats":["dc+sd-jwt"],"response_mode":"fragment"}""")]
    [InlineData("""{"preset":"pid_basics","formats":["dc+sd-jwt"],"request_uri_method":"GET"}""")]
    [InlineData("""{"formats":["dc+sd-jwt"]}""")]
    [InlineData("""{"preset":"pid_basics","preset":"address","formats":["dc+sd-jwt"]}""")]
    [InlineData("""{"preset":"pid_basics","formats":["dc+sd-jwt"],"client_id_prefix":"redirect_uri"}""")]
    [InlineData("""[1]""")]
    [InlineData("""{""")]
    public async Task Invalid_choice_is_refused_with_a_problem(string body)
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await PagePaths.BrowserAsync(app);

        var response = await browser.PostAsync("/rp/presentations", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Creation_accepts_only_json_so_a_cross_site_form_cannot_post()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await PagePaths.BrowserAsync(app);

        var response = await browser.PostAsync("/rp/presentations", new StringContent(PagePaths.Choice().ToJsonString(), Encoding.UTF8, "text/plain"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Page_creations_are_rate_limited()
    {
        using var app = new VerifierApp(settings: new(PagePaths.Enabled) { ["Verifier:DemoPage:MaxTransactionsPerMinute"] = "2" });
        using var browser = await PagePaths.BrowserAsync(app);
        await PagePaths.CreateAsync(browser, PagePaths.Choice());
        await PagePaths.CreateAsync(browser, PagePaths.Choice());

        var third = await browser.PostAsJsonAsync("/rp/presentations", PagePaths.Choice());

        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        third.Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact]
    public async Task Full_cycle_through_the_page_logs_no_personal_data()
    {
        using var app = new VerifierApp(settings: PagePaths.Enabled);
        using var browser = await PagePaths.BrowserAsync(app);
        var created = await PagePaths.CreateAsync(browser, PagePaths.Choice());
        await EndToEndTests.Wallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());
        (await PagePaths.ResultAsync(browser, Id(created)))["status"]!.GetValue<string>().Should().Be("verified");

        var logs = string.Join('\n', app.Logs.Messages);

        logs.Should().NotBeEmpty();
        logs.Should().NotContain(TestCredentials.GivenName).And.NotContain("Nordmann").And.NotContain(TestCredentials.BirthDate);
    }

    private static string Id(JsonNode created) => created["transactionId"]!.GetValue<string>();

    private static string[] Expected(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix.Select(row => new string(Enumerable.Range(0, row.Length).Select(i => row[i] ? '#' : '.').ToArray())).ToArray();
    }

    // Reads the dark modules back from the SVG: one square per viewBox unit, dark runs drawn as "M x y h w v 1 h -w z".
    private static string[] Modules(string svg)
    {
        var size = int.Parse(ViewBox().Match(svg).Groups[1].Value, CultureInfo.InvariantCulture);
        var grid = Enumerable.Range(0, size).Select(_ => new bool[size]).ToArray();
        foreach (Match run in DarkRun().Matches(svg))
        {
            var x = int.Parse(run.Groups[1].Value, CultureInfo.InvariantCulture);
            var y = int.Parse(run.Groups[2].Value, CultureInfo.InvariantCulture);
            var width = int.Parse(run.Groups[3].Value, CultureInfo.InvariantCulture);
            for (var i = 0; i < width; i++)
            {
                grid[y][x + i] = true;
            }
        }

        return grid.Select(row => new string(row.Select(dark => dark ? '#' : '.').ToArray())).ToArray();
    }

    [GeneratedRegex("viewBox=\"0 0 (\\d+) \\1\"")]
    private static partial Regex ViewBox();

    [GeneratedRegex("M(\\d+) (\\d+)h(\\d+)v1h-\\3z")]
    private static partial Regex DarkRun();
}
