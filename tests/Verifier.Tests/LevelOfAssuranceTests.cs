using System.Net;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Tests;

/// <summary>
/// Issue 13 §4: a relying party's minimum level of assurance (Verifier:RelyingParties:n:MinimumLevelOfAssurance). The
/// result states each credential's level and the trust anchor that certified it; below the minimum, or from an untagged
/// anchor, the response is rejected with verifier.level_of_assurance_too_low. A transaction (POST /api/presentations
/// <c>minimum_level_of_assurance</c>) can raise that minimum for itself, never lower it.
/// </summary>
public sealed class LevelOfAssuranceTests
{
    [Theory]
    [InlineData("high", "High")]
    [InlineData("high", "Substantial")]
    [InlineData("substantial", "Substantial")]
    public async Task A_credential_at_or_above_the_minimum_is_verified_and_states_its_level_and_anchor(string anchorLevel, string minimum)
    {
        using var app = new VerifierApp(settings: Settings(anchorLevel, minimum));

        var status = await RunAsync(app);

        status["status"]!.GetValue<string>().Should().Be("verified", status.ToJsonString());
        var credential = status["credentials"]!.AsObject().Single().Value![0]!;
        credential["levelOfAssurance"]!.GetValue<string>().Should().Be(anchorLevel);
        credential["trustAnchor"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace("the result names the anchor that certified the level");
    }

    [Theory]
    [InlineData("substantial", "High")]
    [InlineData("low", "Substantial")]
    [InlineData(null, "Low")]
    public async Task A_credential_below_the_minimum_or_from_an_untagged_anchor_is_rejected(string? anchorLevel, string minimum)
    {
        using var app = new VerifierApp(settings: Settings(anchorLevel, minimum));

        var status = await RunAsync(app);

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Equal(VerifierErrorCodes.LevelOfAssuranceTooLow);
        status["credentials"]!.AsObject().Should().BeEmpty("nothing of a rejected response is returned");
    }

    [Fact]
    public async Task Without_a_minimum_an_untagged_anchor_is_accepted_and_states_no_level()
    {
        using var app = new VerifierApp(settings: Settings(null, null));

        var status = await RunAsync(app);

        status["status"]!.GetValue<string>().Should().Be("verified", status.ToJsonString());
        status["credentials"]!.AsObject().Single().Value![0]!["levelOfAssurance"].Should().BeNull();
    }

    [Theory]
    [InlineData("dc+sd-jwt", "substantial", null, "high", "high", "rejected")]
    [InlineData("mso_mdoc", "substantial", null, "high", "high", "rejected")]
    [InlineData("dc+sd-jwt", "high", null, "high", "high", "verified")]
    [InlineData("mso_mdoc", "high", "Substantial", "high", "high", "verified")]
    [InlineData("dc+sd-jwt", "substantial", "High", "low", "high", "rejected")]
    [InlineData("mso_mdoc", "substantial", "High", "substantial", "high", "rejected")]
    [InlineData("mso_mdoc", "substantial", "Substantial", "low", "substantial", "verified")]
    [InlineData("dc+sd-jwt", "low", "Low", "substantial", "substantial", "rejected")]
    public async Task A_transaction_minimum_raises_the_relying_party_minimum_and_never_lowers_it(string format, string anchorLevel, string? configured, string requested, string effective, string expected)
    {
        using var app = new VerifierApp(settings: Settings(anchorLevel, configured));
        using var api = app.ApiClient();
        var body = Api.Body(query: format == "mso_mdoc" ? MdocQuery : Api.PidQuery);
        body["minimum_level_of_assurance"] = requested;

        var created = await Api.CreateAsync(api, body);
        created["minimumLevelOfAssurance"]!.GetValue<string>().Should().Be(effective, "the transaction states the minimum it applies");
        var wallet = format == "mso_mdoc" ? MdocEndToEndTests.MdocWallet(app) : EndToEndTests.Wallet(app, TestCredentials.IssuePid(SigningKey.Generate()));
        var run = await wallet.RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());
        var status = await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());

        status["status"]!.GetValue<string>().Should().Be(expected, status.ToJsonString());
        if (expected == "verified")
        {
            run.Response.StatusCode.Should().Be(HttpStatusCode.OK);
            var credential = status["credentials"]!.AsObject().Single().Value![0]!;
            credential["levelOfAssurance"]!.GetValue<string>().Should().Be(anchorLevel);
            credential["trustAnchor"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        }
        else
        {
            Api.ErrorCodes(status).Should().Equal(VerifierErrorCodes.LevelOfAssuranceTooLow);
            status["errors"]![0]!["message"]!.GetValue<string>().Should().Contain($"requires {char.ToUpperInvariant(effective[0])}{effective[1..]} or higher");
        }

        var events = JsonNode.Parse(await api.GetStringAsync($"/api/presentations/{created["transactionId"]!.GetValue<string>()}/events"))!.AsArray();
        events[0]!.ToJsonString().Should().Contain($"minimum_level_of_assurance={char.ToUpperInvariant(effective[0])}{effective[1..]}", "the event log records the applied minimum, not who was presented");
    }

    [Theory]
    [InlineData("\"very_high\"")]
    [InlineData("\"High\"")]
    [InlineData("3")]
    public async Task A_transaction_minimum_that_is_not_an_eIDAS_level_is_refused_with_the_member_named(string value)
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var body = Api.Body();
        body["minimum_level_of_assurance"] = JsonNode.Parse(value);

        var response = await api.PostAsync("/api/presentations", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["errors"]![0]!["code"]!.GetValue<string>().Should().Be("api.invalid_member");
        problem["errors"]![0]!["message"]!.GetValue<string>().Should().Contain("'minimum_level_of_assurance'");
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_transaction_minimum()
    {
        using var app = new VerifierApp();

        var document = JsonNode.Parse(await app.WalletClient().GetStringAsync("/openapi/v1.json"))!;

        var schemas = document["components"]!["schemas"]!.AsObject();
        schemas["CreatePresentationBody"]!["properties"]!["minimum_level_of_assurance"].Should().NotBeNull();
        schemas["CreatedPresentation"]!["properties"]!["minimumLevelOfAssurance"].Should().NotBeNull();
    }

    private const string MdocQuery = """{"credentials":[{"id":"pid_mdoc","format":"mso_mdoc","meta":{"doctype_value":"eu.europa.ec.eudi.pid.1"},"claims":[{"path":["eu.europa.ec.eudi.pid.1","given_name"]}]}]}""";

    private static Dictionary<string, string?> Settings(string? anchorLevel, string? minimum) => new()
    {
        ["Verifier:TrustAnchors:0"] = anchorLevel is null ? TestCredentials.RootPemPath : $"{TestCredentials.RootPemPath}|{anchorLevel}",
        ["Verifier:RelyingParties:0:MinimumLevelOfAssurance"] = minimum,
    };

    private static async Task<JsonNode> RunAsync(VerifierApp app)
    {
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());
        var run = await EndToEndTests.Wallet(app, TestCredentials.IssuePid(SigningKey.Generate())).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());
        run.Response.StatusCode.Should().Be(HttpStatusCode.OK, run.Body?.ToJsonString());
        return await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
    }
}
