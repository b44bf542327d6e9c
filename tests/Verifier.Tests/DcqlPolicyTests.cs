using System.Net;
using System.Text.Json.Nodes;
using Wallet.Core.Dcql;
using Wallet.Core.Jose;
using Wallet.Core.SdJwt;

namespace Wallet.Verifier.Tests;

/// <summary>
/// What the DCQL query decides on the Verifier's side: whether SD-JWT VC holder binding is required
/// (<c>require_cryptographic_holder_binding</c>, OpenID4VP 1.0 §6.1) and which issuing authorities are accepted
/// (<c>trusted_authorities</c> of type <c>aki</c>, §6.1.1.1, mandatory in HAIP 1.0 §5).
/// </summary>
public sealed class DcqlPolicyTests
{
    [Fact]
    public async Task Sd_jwt_vc_without_key_binding_is_accepted_when_the_query_waives_holder_binding_OID4VP_6_1()
    {
        var status = await RunAsync(SdJwtQuery(holderBinding: false), new WalletBehaviour { WithoutKeyBinding = true });

        status["status"]!.GetValue<string>().Should().Be("verified", status.ToJsonString());
        var pid = status["credentials"]!["pid"]!.AsArray().Single()!;
        pid["holderBinding"]!.GetValue<bool>().Should().BeFalse("no proof of possession was presented, and the result says so");
        pid["claims"]!["given_name"]!.GetValue<string>().Should().Be(TestCredentials.GivenName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(true)]
    public async Task Sd_jwt_vc_without_key_binding_is_rejected_when_the_query_requires_it_by_default_or_explicitly_OID4VP_6_1(bool? holderBinding)
    {
        var status = await RunAsync(SdJwtQuery(holderBinding), new WalletBehaviour { WithoutKeyBinding = true });

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(SdJwtErrorCodes.KeyBindingMissing);
        status["credentials"]!.AsObject().Should().BeEmpty();
    }

    [Fact]
    public async Task Key_binding_presented_anyway_is_verified_and_reported_OID4VP_6_1()
    {
        var status = await RunAsync(SdJwtQuery(holderBinding: false), new WalletBehaviour());

        status["status"]!.GetValue<string>().Should().Be("verified", status.ToJsonString());
        status["credentials"]!["pid"]![0]!["holderBinding"]!.GetValue<bool>().Should().BeTrue();
    }

    [Theory]
    [InlineData("nonce", SdJwtErrorCodes.KeyBindingNonceMismatch)]
    [InlineData("audience", SdJwtErrorCodes.KeyBindingAudienceMismatch)]
    public async Task Key_binding_presented_anyway_must_verify_even_when_waived_OID4VP_6_1(string wrong, string code)
    {
        var behaviour = wrong == "nonce" ? new WalletBehaviour { Nonce = "another-nonce" } : new WalletBehaviour { Audience = "x509_san_dns:evil.example" };

        var status = await RunAsync(SdJwtQuery(holderBinding: false), behaviour);

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(code);
    }

    [Theory]
    [InlineData(false, "root")]
    [InlineData(true, "root")]
    [InlineData(true, "intermediate")]
    public async Task Aki_of_any_certificate_in_the_presented_chain_matches_OID4VP_6_1_1_1(bool viaIntermediate, string authority)
    {
        // Root → issuer: the leaf's AKI is the root's key id. Root → intermediate → issuer: the leaf's AKI is the
        // intermediate's, and the root's key id matches through the intermediate's AKI in x5c.
        var aki = authority == "root" ? TestCredentials.RootKeyIdentifier : TestCredentials.IntermediateKeyIdentifier;

        var status = await RunAsync(SdJwtQuery(trustedAki: aki), new WalletBehaviour(), viaIntermediate);

        status["status"]!.GetValue<string>().Should().Be("verified", status.ToJsonString());
    }

    [Theory]
    [InlineData(false, "other")]
    [InlineData(false, "intermediate")]
    [InlineData(true, "other")]
    public async Task Aki_matching_no_certificate_in_the_presented_chain_is_rejected_OID4VP_6_1_1_1(bool viaIntermediate, string authority)
    {
        // A credential issued directly under the root carries no certificate whose AKI is the intermediate's key id.
        var aki = authority == "intermediate" ? TestCredentials.IntermediateKeyIdentifier : System.Buffers.Text.Base64Url.EncodeToString(new byte[20]);

        var status = await RunAsync(SdJwtQuery(trustedAki: aki), new WalletBehaviour { IgnoreTrustedAuthorities = true }, viaIntermediate);

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(DcqlErrorCodes.TrustedAuthorityMismatch);
        status["credentials"]!.AsObject().Should().BeEmpty();
    }

    [Fact]
    public async Task Trusted_authorities_of_a_type_the_verifier_cannot_establish_are_not_matched_OID4VP_6_1_1()
    {
        var query = JsonNode.Parse(SdJwtQuery())!;
        query["credentials"]![0]!["trusted_authorities"] = JsonNode.Parse("""[{"type":"etsi_tl","values":["https://lotl.example.com"]}]""");

        var status = await RunAsync(query.ToJsonString(), new WalletBehaviour { IgnoreTrustedAuthorities = true });

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(DcqlErrorCodes.TrustedAuthorityMismatch);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Mdoc_document_signer_chain_is_matched_on_aki_OID4VP_6_1_1_1(bool matching)
    {
        var aki = matching ? TestCredentials.RootKeyIdentifier : TestCredentials.IntermediateKeyIdentifier;
        var query = $$"""{"credentials":[{"id":"pid_mdoc","format":"mso_mdoc","meta":{"doctype_value":"eu.europa.ec.eudi.pid.1"},"trusted_authorities":[{"type":"aki","values":["{{aki}}"]}],"claims":[{"path":["eu.europa.ec.eudi.pid.1","family_name"]}]}]}""";
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body(query: query));

        var run = await MdocEndToEndTests.MdocWallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>(), new WalletBehaviour { IgnoreTrustedAuthorities = !matching });

        run.Response.StatusCode.Should().Be(HttpStatusCode.OK, run.Body?.ToJsonString());
        var status = await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
        status["status"]!.GetValue<string>().Should().Be(matching ? "verified" : "rejected", status.ToJsonString());
        if (!matching)
        {
            Api.ErrorCodes(status).Should().Contain(DcqlErrorCodes.TrustedAuthorityMismatch);
        }
    }

    private static string SdJwtQuery(bool? holderBinding = null, string? trustedAki = null)
    {
        var query = JsonNode.Parse(Api.PidQuery)!;
        var credential = query["credentials"]![0]!;
        if (holderBinding is { } required)
        {
            credential["require_cryptographic_holder_binding"] = required;
        }

        if (trustedAki is not null)
        {
            credential["trusted_authorities"] = new JsonArray(new JsonObject { ["type"] = "aki", ["values"] = new JsonArray(trustedAki) });
        }

        return query.ToJsonString();
    }

    private static async Task<JsonNode> RunAsync(string query, WalletBehaviour behaviour, bool viaIntermediate = false)
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body(query: query));
        var wallet = EndToEndTests.Wallet(app, TestCredentials.IssuePid(SigningKey.Generate(), viaIntermediate: viaIntermediate));

        var run = await wallet.RespondAsync(created["authorizationRequestUri"]!.GetValue<string>(), behaviour);

        run.Response.StatusCode.Should().Be(HttpStatusCode.OK, run.Body?.ToJsonString());
        return await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
    }
}
