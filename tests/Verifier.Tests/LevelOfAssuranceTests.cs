using System.Net;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Tests;

/// <summary>
/// Issue 13 §4: a relying party's minimum level of assurance (Verifier:RelyingParties:n:MinimumLevelOfAssurance). The
/// result states each credential's level and the trust anchor that certified it; below the minimum, or from an untagged
/// anchor, the response is rejected with verifier.level_of_assurance_too_low.
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
