using System.Text;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vp;

namespace Wallet.Core.Tests.OpenId4Vp;

/// <summary>vp_token and authorization responses for direct_post and direct_post.jwt (OpenID4VP 1.0 §8.1–§8.3.1, §8.5).</summary>
public sealed class AuthorizationResponseTests : IDisposable
{
    private readonly OpenId4VpFixture _fixture = new();
    private readonly VpToken _vpToken = VpToken.Create(new Dictionary<string, IReadOnlyList<string>> { ["pid"] = ["eyJhbGciOiJFUzI1NiJ9.e30.sig~disclosure~kb"] });

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Direct_post_response_round_trips_with_state_OID4VP_8_2()
    {
        var request = _fixture.Request(ResponseModes.DirectPost);
        var form = AuthorizationResponseWriter.CreateResponse(request, _vpToken);

        form.Keys.Should().BeEquivalentTo("vp_token", "state");
        form["vp_token"].Should().Be("""{"pid":["eyJhbGciOiJFUzI1NiJ9.e30.sig~disclosure~kb"]}""");
        Read(form, ResponseModes.DirectPost, out var response).Should().BeEmpty();
        response!.IsError.Should().BeFalse();
        response.State.Should().Be("st-1");
        response.VpToken!.Presentations["pid"].Should().Equal("eyJhbGciOiJFUzI1NiJ9.e30.sig~disclosure~kb");
        response.ContentEncryption.Should().BeNull();
    }

    [Theory]
    [InlineData("A128GCM")]
    [InlineData("A256GCM")]
    public void Direct_post_jwt_response_is_a_JWE_to_the_ephemeral_key_OID4VP_8_3_1(string enc)
    {
        JweContentEncryption.TryFromName(enc, out var preferred).Should().BeTrue();
        var form = AuthorizationResponseWriter.CreateResponse(_fixture.Request(), _vpToken, preferred);

        form.Keys.Should().Equal("response");
        Read(form, ResponseModes.DirectPostJwt, out var response).Should().BeEmpty();
        response!.ContentEncryption!.Name.Should().Be(enc);
        response.State.Should().Be("st-1");
        response.VpToken!.Presentations.Keys.Should().Equal("pid");
    }

    [Fact]
    public void Wallet_prefers_A256GCM_when_the_verifier_supports_both_HAIP_5()
    {
        var form = AuthorizationResponseWriter.CreateResponse(_fixture.Request(), _vpToken);

        Read(form, ResponseModes.DirectPostJwt, out var response).Should().BeEmpty();
        response!.ContentEncryption.Should().Be(JweContentEncryption.A256GCM);
    }

    [Fact]
    public void Wallet_error_response_is_read_as_an_error_OID4VP_8_5()
    {
        var form = AuthorizationResponseWriter.CreateError(_fixture.Request(ResponseModes.DirectPost), "access_denied", "user declined");

        Read(form, ResponseModes.DirectPost, out var response).Should().BeEmpty();
        response!.IsError.Should().BeTrue();
        response.Error.Should().Be("access_denied");
        response.ErrorDescription.Should().Be("user declined");
        response.State.Should().Be("st-1");
    }

    [Fact]
    public void Unencrypted_error_response_is_accepted_in_direct_post_jwt_OID4VP_8_3_1()
    {
        var form = new Dictionary<string, string> { ["error"] = "wallet_unavailable", ["state"] = "st-1" };

        Read(form, ResponseModes.DirectPostJwt, out var response).Should().BeEmpty();
        response!.Error.Should().Be("wallet_unavailable");
    }

    [Fact]
    public void Encrypted_error_response_is_read_as_an_error_OID4VP_8_3_1()
    {
        var form = AuthorizationResponseWriter.CreateError(_fixture.Request(), "access_denied");

        Read(form, ResponseModes.DirectPostJwt, out var response).Should().BeEmpty();
        response!.Error.Should().Be("access_denied");
        response.ContentEncryption.Should().NotBeNull();
    }

    public static TheoryData<string, string[]> Violations => new()
    {
        { "plain_vp_token_in_jwt_mode", [OpenId4VpErrorCodes.ResponseNotEncrypted] },
        { "tampered_jwe", [OpenId4VpErrorCodes.ResponseNotEncrypted, JweErrorCodes.DecryptionFailed] },
        { "jwe_to_another_key", [OpenId4VpErrorCodes.ResponseNotEncrypted, JweErrorCodes.KeyIdMismatch] },
        { "jwe_to_another_key_same_kid", [OpenId4VpErrorCodes.ResponseNotEncrypted, JweErrorCodes.DecryptionFailed] },
        { "jwe_payload_not_object", [OpenId4VpErrorCodes.ResponseMalformed] },
        { "jwe_payload_vp_token_string", [OpenId4VpErrorCodes.VpTokenMalformed] },
        { "jwe_payload_empty", [OpenId4VpErrorCodes.ResponseMalformed] },
        { "neither_vp_token_nor_error", [OpenId4VpErrorCodes.ResponseMalformed] },
        { "error_with_quote", [OpenId4VpErrorCodes.ResponseMalformed] },
        { "oversized", [OpenId4VpErrorCodes.ResponseTooLarge] },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void Response_breaking_a_rule_is_rejected_OID4VP_8(string violation, string[] codes)
    {
        var jwtMode = violation != "neither_vp_token_nor_error" && violation != "error_with_quote";
        var request = _fixture.Request(jwtMode ? ResponseModes.DirectPostJwt : ResponseModes.DirectPost);
        using var other = VerifierEncryptionKey.Generate("other");
        using var sameKid = VerifierEncryptionKey.Generate(_fixture.EncryptionKey.KeyId);
        string Encrypt(string json, VerifierEncryptionKey? to = null) =>
            EcdhEsJwe.Encrypt(Encoding.UTF8.GetBytes(json), (to ?? _fixture.EncryptionKey).PublicKey, JweContentEncryption.A128GCM, (to ?? _fixture.EncryptionKey).KeyId);
        var form = violation switch
        {
            "plain_vp_token_in_jwt_mode" => new Dictionary<string, string> { ["vp_token"] = """{"pid":["x"]}""" },
            "tampered_jwe" => new Dictionary<string, string> { ["response"] = Tamper(AuthorizationResponseWriter.CreateResponse(request, _vpToken)["response"]) },
            "jwe_to_another_key" => new Dictionary<string, string> { ["response"] = Encrypt("""{"vp_token":{"pid":["x"]}}""", other) },
            "jwe_to_another_key_same_kid" => new Dictionary<string, string> { ["response"] = Encrypt("""{"vp_token":{"pid":["x"]}}""", sameKid) },
            "jwe_payload_not_object" => new Dictionary<string, string> { ["response"] = Encrypt("""["vp_token"]""") },
            "jwe_payload_vp_token_string" => new Dictionary<string, string> { ["response"] = Encrypt("""{"vp_token":"{\"pid\":[\"x\"]}"}""") },
            "jwe_payload_empty" => new Dictionary<string, string> { ["response"] = Encrypt("""{"state":"st-1"}""") },
            "neither_vp_token_nor_error" => new Dictionary<string, string> { ["state"] = "st-1" },
            "error_with_quote" => new Dictionary<string, string> { ["error"] = "access\"denied" },
            "oversized" => new Dictionary<string, string> { ["response"] = new string('a', OpenId4VpLimits.Default.MaxResponseLength + 1) },
            _ => throw new ArgumentOutOfRangeException(nameof(violation)),
        };

        Read(form, request.ResponseMode, out var response).Should().Equal(codes);
        response.Should().BeNull();
    }

    [Theory]
    [InlineData("""[["x"]]""")]
    [InlineData("\"eyJ...\"")]
    [InlineData("{}")]
    [InlineData("""{"pid":"eyJ..."}""")]
    [InlineData("""{"pid":[]}""")]
    [InlineData("""{"pid":[42]}""")]
    [InlineData("""{"pid":[""]}""")]
    [InlineData("""{"pid":[{"@context":[]}]}""")]
    [InlineData("""{"pid":["a"],"pid":["b"]}""")]
    [InlineData("""{"pid":["a"]""")]
    public void Vp_token_not_keyed_by_query_id_with_arrays_of_strings_is_malformed_OID4VP_8_1(string json)
    {
        VpToken.TryParse(json, OpenId4VpLimits.Default, out var token, out var error).Should().BeFalse();

        token.Should().BeNull();
        error!.Code.Should().Be(OpenId4VpErrorCodes.VpTokenMalformed);
    }

    [Fact]
    public void Vp_token_over_the_count_limits_is_rejected()
    {
        var limits = new OpenId4VpLimits { MaxVpTokenEntries = 2, MaxPresentationsPerEntry = 2 };

        VpToken.TryParse("""{"a":["x"],"b":["x"],"c":["x"]}""", limits, out _, out var tooMany).Should().BeFalse();
        VpToken.TryParse("""{"a":["x","y","z"]}""", limits, out _, out var tooLong).Should().BeFalse();

        tooMany!.Code.Should().Be(OpenId4VpErrorCodes.VpTokenTooLarge);
        tooLong!.Code.Should().Be(OpenId4VpErrorCodes.VpTokenTooLarge);
    }

    [Fact]
    public void Vp_token_example_of_the_spec_parses_OID4VP_8_1()
    {
        // The decrypted response of the §8.3 example: { "vp_token": { "example_credential_id": [ "eyJhb...YMetA" ] } }.
        var example = Dcql.DcqlTestData.InlineExamples("Encrypted Responses").Single(e => e.ValueKind == System.Text.Json.JsonValueKind.Object && e.TryGetProperty("vp_token", out _));

        VpToken.TryParse(example.GetProperty("vp_token"), OpenId4VpLimits.Default, out var token, out var error).Should().BeTrue(error?.ToString());
        token!.Presentations["example_credential_id"].Should().Equal("eyJhb...YMetA");
    }

    private string[] Read(IReadOnlyDictionary<string, string> form, string responseMode, out AuthorizationResponse? response)
    {
        var ok = AuthorizationResponse.TryRead(form, responseMode, _fixture.EncryptionKey, OpenId4VpLimits.Default, out response, out var errors);
        ok.Should().Be(errors.Count == 0);
        return errors.Select(e => e.Code).ToArray();
    }

    private static string Tamper(string jwe)
    {
        var parts = jwe.Split('.');
        var ciphertext = System.Buffers.Text.Base64Url.DecodeFromChars(parts[3]);
        ciphertext[^1] ^= 0x80;
        parts[3] = System.Buffers.Text.Base64Url.EncodeToString(ciphertext);
        return string.Join('.', parts);
    }
}
