using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.Trust;

namespace Wallet.Core.Tests.OpenId4Vp;

/// <summary>Signed Request Objects: creation by the Verifier and validation by the Wallet (OpenID4VP 1.0 §5, §5.9.3, §5.10; HAIP 1.0 §5).</summary>
public sealed class RequestObjectTests : IDisposable
{
    private const string SanDnsClientId = "x509_san_dns:verifier.example";
    private readonly OpenId4VpFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Signed_request_object_has_the_JAR_header_and_the_chain_without_anchor_OID4VP_5_HAIP_5()
    {
        var jar = RequestObjectSigner.Sign(_fixture.Request(), _fixture.SigningKey);

        CompactJws.TryParse(jar, JoseLimits.Default, out var jws, out _).Should().BeTrue();
        jws!.Type.Should().Be("oauth-authz-req+jwt");
        jws.Algorithm.Should().Be("ES256");
        jws.Header.GetProperty("x5c").GetArrayLength().Should().Be(1);
        jws.Header.GetProperty("x5c")[0].GetString().Should().Be(Convert.ToBase64String(_fixture.Leaf.RawData));
        var payload = JsonNode.Parse(jws.PayloadBytes.Span)!;
        payload["aud"]!.GetValue<string>().Should().Be("https://self-issued.me/v2");
        payload["response_type"]!.GetValue<string>().Should().Be("vp_token");
        payload["client_metadata"]!["encrypted_response_enc_values_supported"]!.ToJsonString().Should().Be("""["A128GCM","A256GCM"]""");
        var jwk = payload["client_metadata"]!["jwks"]!["keys"]![0]!;
        jwk["alg"]!.GetValue<string>().Should().Be("ECDH-ES");
        jwk["kid"]!.GetValue<string>().Should().Be("enc-1");
        jwk["d"].Should().BeNull();
    }

    [Theory]
    [InlineData(ResponseModes.DirectPostJwt, false)]
    [InlineData(ResponseModes.DirectPost, false)]
    [InlineData(ResponseModes.DirectPostJwt, true)]
    public void Wallet_accepts_a_request_bound_to_its_signing_certificate_OID4VP_5_9_3(string responseMode, bool x509Hash)
    {
        var clientId = x509Hash ? ClientId.ForX509Hash(_fixture.Leaf) : ClientId.ForX509SanDns(OpenId4VpFixture.DnsName);
        var jar = RequestObjectSigner.Sign(_fixture.Request(responseMode, clientId), _fixture.SigningKey);

        var result = _fixture.Validator().Validate(jar, clientId.Value);

        result.Errors.Should().BeEmpty();
        result.Request!.ClientId.Should().Be(clientId);
        result.Request.ResponseMode.Should().Be(responseMode);
        result.Request.Nonce.Should().Be("n-0S6_WzA2Mj");
        result.Request.State.Should().Be("st-1");
        result.Request.DcqlQuery.Credentials.Single().Id.Should().Be("pid");
        (result.Request.ClientMetadata.EncryptionKey is not null).Should().Be(responseMode == ResponseModes.DirectPostJwt);
        result.SignerCertificate!.Thumbprint.Should().Be(_fixture.Leaf.Thumbprint);
    }

    [Fact]
    public void Request_uri_post_echoes_the_wallet_nonce_OID4VP_5_10_1()
    {
        var jar = RequestObjectSigner.Sign(_fixture.Request(walletNonce: "wn-123"), _fixture.SigningKey);

        _fixture.Validator().Validate(jar, SanDnsClientId, walletNonce: "wn-123").IsValid.Should().BeTrue();
        Codes(_fixture.Validator().Validate(jar, SanDnsClientId, walletNonce: "wn-other")).Should().Contain(OpenId4VpErrorCodes.WalletNonceMismatch);
    }

    public static TheoryData<string, string> PayloadViolations => new()
    {
        { "client_id=x509_san_dns:other.example", OpenId4VpErrorCodes.ClientIdMismatch },
        { "client_id=x509_san_dns:other.example|expect", OpenId4VpErrorCodes.ClientIdNotBound },
        { "client_id=x509_hash:Uvo3HtuIxuhC92rShpgqcT3YXwrqRxWEviRiA0OZszk|expect", OpenId4VpErrorCodes.ClientIdNotBound },
        { "client_id=pre-registered-client|expect", OpenId4VpErrorCodes.ClientIdUnsupportedPrefix },
        { "client_id=-", OpenId4VpErrorCodes.RequestParameterMissing },
        { "response_type=code", OpenId4VpErrorCodes.ResponseTypeUnsupported },
        { "response_type=vp_token id_token", OpenId4VpErrorCodes.ResponseTypeUnsupported },
        { "response_mode=fragment", OpenId4VpErrorCodes.ResponseModeUnsupported },
        { "response_mode=dc_api.jwt", OpenId4VpErrorCodes.ResponseModeUnsupported },
        { "response_mode=-", OpenId4VpErrorCodes.RequestParameterMissing },
        { "response_uri=http://verifier.example/response", OpenId4VpErrorCodes.ResponseUriInvalid },
        { "response_uri=/response", OpenId4VpErrorCodes.ResponseUriInvalid },
        { "response_uri=https://verifier.example/r#frag", OpenId4VpErrorCodes.ResponseUriInvalid },
        { "response_uri=https://evil.example/response", OpenId4VpErrorCodes.ResponseUriNotBound },
        { "response_uri=-", OpenId4VpErrorCodes.RequestParameterMissing },
        { "redirect_uri=https://verifier.example/cb", OpenId4VpErrorCodes.ResponseUriInvalid },
        { "nonce=-", OpenId4VpErrorCodes.RequestParameterMissing },
        { "nonce=has space", OpenId4VpErrorCodes.NonceInvalid },
        { "nonce=ü", OpenId4VpErrorCodes.NonceInvalid },
        { "state=a/b", OpenId4VpErrorCodes.StateInvalid },
        { "dcql_query=-", OpenId4VpErrorCodes.DcqlQueryInvalid },
        { "dcql_query={\"credentials\":[]}", OpenId4VpErrorCodes.DcqlQueryInvalid },
        { "dcql_query=\"{}\"", OpenId4VpErrorCodes.DcqlQueryInvalid },
        { "client_metadata=-", OpenId4VpErrorCodes.ClientMetadataInvalid },
        { "client_metadata={\"vp_formats_supported\":{}}", OpenId4VpErrorCodes.ClientMetadataInvalid },
        { "client_metadata=DUPLICATE_KID", OpenId4VpErrorCodes.ClientMetadataInvalid },
        { "client_metadata=UNKNOWN_ENC", OpenId4VpErrorCodes.ClientMetadataInvalid },
        { "client_metadata=PRIVATE_KEY", OpenId4VpErrorCodes.ClientMetadataInvalid },
        { "client_metadata=NO_FORMATS", OpenId4VpErrorCodes.ClientMetadataInvalid },
        { "transaction_data=[\"eyJ0eXBlIjoieCJ9\"]", OpenId4VpErrorCodes.TransactionDataUnsupported },
        { "exp=1700000000", OpenId4VpErrorCodes.RequestExpired },
        { "exp=\"tomorrow\"", OpenId4VpErrorCodes.RequestParameterInvalid },
        { "nonce=42", OpenId4VpErrorCodes.RequestParameterInvalid },
    };

    /// <summary>Each row changes one parameter ("name=value"; "-" removes it; "|expect" also passes the new client_id as the expected one) and re-signs.</summary>
    [Theory]
    [MemberData(nameof(PayloadViolations))]
    public void Request_object_breaking_a_parameter_rule_is_rejected_OID4VP_5(string change, string code)
    {
        var expectClientId = change.EndsWith("|expect", StringComparison.Ordinal);
        change = expectClientId ? change[..^"|expect".Length] : change;
        var (name, value) = (change[..change.IndexOf('=', StringComparison.Ordinal)], change[(change.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        var payload = _fixture.Request().ToPayload();
        var keyJson = payload["client_metadata"]!["jwks"]!["keys"]![0]!.ToJsonString();
        if (value == "-")
        {
            payload.Remove(name);
        }
        else
        {
            payload[name] = value switch
            {
                "DUPLICATE_KID" => Metadata($"[{keyJson},{keyJson}]", null, true),
                "UNKNOWN_ENC" => Metadata($"[{keyJson}]", "[\"A192GCM\"]", true),
                "PRIVATE_KEY" => Metadata($"[{keyJson[..^1]},\"d\":\"AAAA\"}}]", null, true),
                "NO_FORMATS" => Metadata($"[{keyJson}]", null, false),
                _ when value.StartsWith('{') || value.StartsWith('[') || value.StartsWith('"') || char.IsAsciiDigit(value[0]) => JsonNode.Parse(value),
                _ => value,
            };
        }

        var expected = expectClientId ? value : SanDnsClientId;
        var result = _fixture.Validator().Validate(_fixture.SignRaw(payload), expected);

        result.IsValid.Should().BeFalse();
        result.Request.Should().BeNull();
        Codes(result).Should().Contain(code);
    }

    [Fact]
    public void Request_object_with_another_typ_is_not_processed_OID4VP_5()
    {
        var jar = _fixture.SignRaw(_fixture.Request().ToPayload(), typ: "JWT");

        Codes(_fixture.Validator().Validate(jar, SanDnsClientId)).Should().Equal(OpenId4VpErrorCodes.RequestTypeMismatch);
    }

    [Fact]
    public void Tampered_request_object_signature_is_rejected_OID4VP_5_9_3()
    {
        var jar = RequestObjectSigner.Sign(_fixture.Request(), _fixture.SigningKey);
        var parts = jar.Split('.');
        var payload = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!;
        payload["response_uri"] = "https://verifier.example/attacker";
        parts[1] = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));

        Codes(_fixture.Validator().Validate(string.Join('.', parts), SanDnsClientId)).Should().Equal(OpenId4VpErrorCodes.RequestSignatureInvalid);
    }

    [Fact]
    public void Request_object_without_x5c_is_rejected_OID4VP_5_9_3()
    {
        var key = new SigningKey(_fixture.SigningKey.Key);
        var jar = JwsWriter.Sign(key, RequestObjectSigner.RequestObjectType, _fixture.Request().ToPayload().ToJsonString());

        Codes(_fixture.Validator().Validate(jar, SanDnsClientId)).Should().Equal(OpenId4VpErrorCodes.RequestCertificateMissing);
    }

    [Fact]
    public void Request_object_chaining_to_an_untrusted_root_is_rejected_HAIP_5()
    {
        using var otherRoot = DevelopmentCertificates.CreateRootCa(OpenId4VpFixture.Now.AddDays(-30), "Other Root");
        var jar = RequestObjectSigner.Sign(_fixture.Request(), _fixture.SigningKey);

        var codes = Codes(_fixture.Validator(otherRoot).Validate(jar, SanDnsClientId));

        codes.Should().Contain(OpenId4VpErrorCodes.RequestUntrusted).And.Contain(TrustErrorCodes.UntrustedRoot);
    }

    [Fact]
    public void Request_object_whose_x5c_includes_the_trust_anchor_is_rejected_HAIP_5()
    {
        using var rootPublic = X509CertificateLoader.LoadCertificate(_fixture.Root.RawData);
        var key = new SigningKey(_fixture.SigningKey.Key, null, [_fixture.Leaf, rootPublic]);
        var jar = _fixture.SignRaw(_fixture.Request().ToPayload(), key: key);

        Codes(_fixture.Validator().Validate(jar, SanDnsClientId)).Should().Contain(OpenId4VpErrorCodes.RequestUntrusted).And.Contain(TrustErrorCodes.AnchorInChain);
    }

    [Fact]
    public void Request_object_signed_with_a_self_signed_leaf_is_rejected_HAIP_5()
    {
        using var selfSigned = Trust.TestPki.SelfSignedLeaf("verifier.example");
        using var selfKey = selfSigned.GetECDsaPrivateKey()!;
        var key = new SigningKey(selfKey, null, [selfSigned]);
        var clientId = ClientId.ForX509Hash(selfSigned);
        var jar = _fixture.SignRaw(_fixture.Request(clientId: clientId).ToPayload(), key: key);

        Codes(_fixture.Validator().Validate(jar, clientId.Value)).Should().Contain(OpenId4VpErrorCodes.RequestUntrusted);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("RS256")]
    public void Request_object_with_an_algorithm_outside_the_allow_list_is_rejected_RFC8725_3_1(string alg)
    {
        static string Segment(string json) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
        var jar = $"{Segment($$"""{"alg":"{{alg}}","typ":"oauth-authz-req+jwt"}""")}.{Segment(_fixture.Request().ToPayload().ToJsonString())}.AAAA";

        Codes(_fixture.Validator().Validate(jar, SanDnsClientId)).Should().Equal(OpenId4VpErrorCodes.RequestAlgorithmNotAllowed);
    }

    [Theory]
    [InlineData("not-a-jws", OpenId4VpErrorCodes.RequestMalformed)]
    [InlineData("a.b", OpenId4VpErrorCodes.RequestMalformed)]
    [InlineData("eyJ9.eyJ9.AAAA", OpenId4VpErrorCodes.RequestMalformed)]
    public void Malformed_request_object_is_rejected(string jar, string code) =>
        Codes(_fixture.Validator().Validate(jar, SanDnsClientId)).Should().Equal(code);

    [Fact]
    public void Oversized_request_object_is_rejected_before_parsing() =>
        Codes(_fixture.Validator().Validate(new string('a', OpenId4VpLimits.Default.MaxRequestObjectLength + 1), SanDnsClientId)).Should().Equal(OpenId4VpErrorCodes.RequestTooLarge);

    [Fact]
    public void Signer_refuses_a_chain_with_a_self_signed_certificate_HAIP_5()
    {
        using var rootPublic = X509CertificateLoader.LoadCertificate(_fixture.Root.RawData);
        var key = new SigningKey(_fixture.SigningKey.Key, null, [_fixture.Leaf, rootPublic]);

        var act = () => RequestObjectSigner.Sign(_fixture.Request(), key);

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Signer_refuses_a_client_id_its_certificate_does_not_carry_OID4VP_5_9_3()
    {
        var act = () => RequestObjectSigner.Sign(_fixture.Request(clientId: ClientId.ForX509SanDns("other.example")), _fixture.SigningKey);

        act.Should().Throw<InvalidOperationException>();
    }

    private static JsonObject Metadata(string keys, string? enc, bool formats)
    {
        var json = new JsonObject { ["jwks"] = new JsonObject { ["keys"] = JsonNode.Parse(keys) } };
        if (enc is not null)
        {
            json["encrypted_response_enc_values_supported"] = JsonNode.Parse(enc);
        }

        if (formats)
        {
            json["vp_formats_supported"] = new JsonObject();
        }

        return json;
    }

    private static string[] Codes(RequestObjectValidationResult result) => result.Errors.Select(e => e.Code).ToArray();
}
