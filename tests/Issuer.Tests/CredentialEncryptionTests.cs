using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vci;
using Wallet.Issuer.Options;
using Wallet.Issuer.Signing;

namespace Wallet.Issuer.Tests;

/// <summary>
/// Encrypted Credential Requests and Responses at the Credential Endpoint (OpenID4VCI 1.0 §8.2, §8.3, §10, §12.2.4;
/// ECDH-ES with A128GCM/A256GCM as HAIP 1.0 §5), each rule negatively.
/// </summary>
public sealed class CredentialEncryptionTests() : IssuerTestBase
{
    [Fact]
    public async Task Metadata_publishes_request_and_response_encryption_OID4VCI_12_2_4()
    {
        var document = JsonNode.Parse(await Http.GetStringAsync("/.well-known/openid-credential-issuer"))!;

        var request = document["credential_request_encryption"]!;
        var key = request["jwks"]!["keys"]!.AsArray().Should().ContainSingle().Subject!;
        key["kid"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        key["alg"]!.GetValue<string>().Should().Be("ECDH-ES");
        key["use"]!.GetValue<string>().Should().Be("enc");
        key["d"].Should().BeNull("only the public key is published");
        request["enc_values_supported"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Equal("A128GCM", "A256GCM");
        request["encryption_required"]!.GetValue<bool>().Should().BeFalse();
        var response = document["credential_response_encryption"]!;
        response["alg_values_supported"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Equal("ECDH-ES");
        response["enc_values_supported"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Equal("A128GCM", "A256GCM");
        response["encryption_required"]!.GetValue<bool>().Should().BeFalse();
    }

    [Theory]
    [InlineData("A128GCM")]
    [InlineData("A256GCM")]
    public async Task Encrypted_request_asking_for_an_encrypted_response_gets_its_credentials_as_a_JWE_OID4VCI_8_3_10(string enc)
    {
        JweContentEncryption.TryFromName(enc, out var contentEncryption).Should().BeTrue();
        var wallet = await AuthorizedWalletAsync(configurations: [SdJwtConfiguration]);
        using var walletKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var asked = Asked(walletKey, contentEncryption!, "wallet-enc-1");
        var body = await RequestAsync(wallet, asked.ToJsonObject());

        var response = await wallet.SendCredentialRequestAsync(Encrypt(wallet, body, contentEncryption!), contentType: "application/jwt");

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/jwt");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(text.Split('.')[0]))!;
        header["alg"]!.GetValue<string>().Should().Be("ECDH-ES", "the JWE alg is the alg of the Wallet's jwk (§10)");
        header["enc"]!.GetValue<string>().Should().Be(enc);
        header["kid"]!.GetValue<string>().Should().Be("wallet-enc-1", "the kid of the jwk is echoed (§10)");
        EncryptedCredentialMessage.TryDecryptResponse(text, walletKey, asked, 1024 * 1024, out var plaintext, out var error).Should().BeTrue(error?.ToString());
        var json = JsonNode.Parse(plaintext)!;
        json["credentials"]!.AsArray().Should().ContainSingle();
        json["notification_id"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Encrypted_request_without_response_encryption_gets_a_plain_JSON_response_OID4VCI_8_3()
    {
        var wallet = await AuthorizedWalletAsync(configurations: [SdJwtConfiguration]);
        var body = await RequestAsync(wallet, null);

        var response = await wallet.SendCredentialRequestAsync(Encrypt(wallet, body, JweContentEncryption.A256GCM), contentType: "application/jwt");

        (await TestWallet.CredentialsAsync(response)).Should().ContainSingle();
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
    }

    public static TheoryData<string, string> Failures => new()
    {
        { "response-encryption-in-plain-request", OpenId4VciErrors.InvalidEncryptionParameters },
        { "unknown-kid", OpenId4VciErrors.InvalidEncryptionParameters },
        { "jwe-alg-not-ecdh-es", OpenId4VciErrors.InvalidEncryptionParameters },
        { "tampered-tag", OpenId4VciErrors.InvalidEncryptionParameters },
        { "tampered-header", OpenId4VciErrors.InvalidEncryptionParameters },
        { "response-enc-unsupported", OpenId4VciErrors.InvalidEncryptionParameters },
        { "response-alg-unsupported", OpenId4VciErrors.InvalidEncryptionParameters },
        { "response-jwk-without-alg", OpenId4VciErrors.InvalidEncryptionParameters },
        { "response-zip", OpenId4VciErrors.InvalidEncryptionParameters },
        { "invalid-utf8-plaintext", OpenId4VciErrors.InvalidCredentialRequest },
        { "not-a-jwe", OpenId4VciErrors.InvalidCredentialRequest },
        { "oversized-jwe", OpenId4VciErrors.InvalidCredentialRequest },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Encryption_rule_broken_gets_its_error_as_plain_JSON_never_encrypted_OID4VCI_8_3_1_2_10(string scenario, string expected)
    {
        var wallet = await AuthorizedWalletAsync(configurations: [SdJwtConfiguration]);
        using var walletKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var asked = Asked(walletKey, JweContentEncryption.A128GCM, "w").ToJsonObject();
        switch (scenario)
        {
            case "response-enc-unsupported": asked["enc"] = "A192GCM"; break;
            case "response-alg-unsupported": asked["jwk"]!["alg"] = "ECDH-ES+A256KW"; break;
            case "response-jwk-without-alg": asked["jwk"]!.AsObject().Remove("alg"); break;
            case "response-zip": asked["zip"] = "DEF"; break;
        }

        var body = await RequestAsync(wallet, asked);
        var jwe = Encrypt(wallet, scenario == "invalid-utf8-plaintext" ? [0x7B, 0xC3, 0x28, 0x7D] : Encoding.UTF8.GetBytes(body), JweContentEncryption.A128GCM);
        var segments = jwe.Split('.');
        var (content, contentType) = scenario switch
        {
            "response-encryption-in-plain-request" => (body, "application/json"),
            "unknown-kid" => (Rewrite(jwe, h => h["kid"] = "retired"), "application/jwt"),
            "jwe-alg-not-ecdh-es" => (Rewrite(jwe, h => h["alg"] = "ECDH-ES+A128KW"), "application/jwt"),
            "tampered-tag" => ($"{segments[0]}.{segments[1]}.{segments[2]}.{segments[3]}.{Flip(segments[4])}", "application/jwt"),
            "tampered-header" => (Rewrite(jwe, h => h["x"] = "1"), "application/jwt"),
            "not-a-jwe" => ("not.a.jwe", "application/jwt"),
            "oversized-jwe" => (jwe + new string('A', 600 * 1024), "application/jwt"),
            _ => (jwe, "application/jwt"),
        };

        var response = await wallet.SendCredentialRequestAsync(content, contentType: contentType);

        response.StatusCode.Should().Be(scenario == "oversized-jwe" ? HttpStatusCode.RequestEntityTooLarge : HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json", "error responses are never encrypted (§8.3.1)");
        (await TestWallet.ErrorAsync(response)).Should().Be(expected);

        // Nothing was consumed: the same wallet still gets its credential with a well-formed request.
        var retry = await wallet.SendCredentialRequestAsync(await RequestAsync(wallet, null));
        (await TestWallet.CredentialsAsync(retry)).Should().ContainSingle();
    }

    [Fact]
    public async Task Request_decryption_key_is_generated_once_and_kept_across_restarts_and_a_new_key_is_added_for_rotation()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new IssuerOptions { DataDirectory = Factory.DataDirectory });
        var before = JsonNode.Parse(await Http.GetStringAsync("/.well-known/openid-credential-issuer"))!["credential_request_encryption"]!["jwks"]!["keys"]![0]!["kid"]!.GetValue<string>();
        using (var again = new FileSystemRequestDecryptionKeys(options))
        {
            again.Keys.Should().ContainSingle().Which.KeyId.Should().Be(before);
        }

        using var added = CredentialRequestDecryptionKey.Generate();
        var file = Path.Combine(FileSystemRequestDecryptionKeys.Folder(Factory.DataDirectory), added.KeyId + ".key.pem");
        await File.WriteAllTextAsync(file, PemEncoding.WriteString("PRIVATE KEY", added.ExportPkcs8()));
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));

        using var rotated = new FileSystemRequestDecryptionKeys(options);

        rotated.Keys.Select(k => k.KeyId).Should().Equal(added.KeyId, before);
    }

    private static CredentialResponseEncryption Asked(ECDiffieHellman walletKey, JweContentEncryption enc, string? kid)
    {
        using var ecdsa = ECDsa.Create(walletKey.ExportParameters(false));
        return new CredentialResponseEncryption(PublicJwk.FromECDsa(ecdsa, kid), enc);
    }

    private async Task<string> RequestAsync(TestWallet wallet, JsonObject? responseEncryption)
    {
        var nonce = await wallet.FetchCNonceAsync();
        var body = new JsonObject
        {
            ["credential_configuration_id"] = SdJwtConfiguration,
            ["proofs"] = new JsonObject { ["jwt"] = new JsonArray(KeyProof.Create(SigningKey.Generate(), IssuerFactory.IssuerUrl, Clock.GetUtcNow(), nonce)) },
        };
        if (responseEncryption is not null)
        {
            body["credential_response_encryption"] = responseEncryption;
        }

        return body.ToJsonString();
    }

    private static string Encrypt(TestWallet wallet, string body, JweContentEncryption enc) => Encrypt(wallet, Encoding.UTF8.GetBytes(body), enc);

    private static string Encrypt(TestWallet wallet, byte[] body, JweContentEncryption enc) =>
        EncryptedCredentialMessage.EncryptRequest(body, wallet.Metadata!.RequestEncryption!.Keys[0], enc);

    private static string Rewrite(string jwe, Action<JsonObject> change)
    {
        var segments = jwe.Split('.');
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(segments[0]))!.AsObject();
        change(header);
        segments[0] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()));
        return string.Join('.', segments);
    }

    private static string Flip(string segment)
    {
        var bytes = Base64Url.DecodeFromChars(segment);
        bytes[^1] ^= 1;
        return Base64Url.EncodeToString(bytes);
    }
}

/// <summary>A deployment that requires encryption both ways (OpenID4VCI 1.0 §10, §12.2.4 <c>encryption_required</c>).</summary>
public sealed class RequiredCredentialEncryptionTests() : IssuerTestBase(new Dictionary<string, string?>
{
    ["Issuer:CredentialEncryption:RequestEncryptionRequired"] = "true",
    ["Issuer:CredentialEncryption:ResponseEncryptionRequired"] = "true",
    ["Issuer:CredentialEncryption:ContentEncryptions:0"] = "A256GCM",
})
{
    [Fact]
    public async Task Metadata_says_encryption_is_required_both_ways_OID4VCI_12_2_4()
    {
        var document = JsonNode.Parse(await Http.GetStringAsync("/.well-known/openid-credential-issuer"))!;

        document["credential_request_encryption"]!["encryption_required"]!.GetValue<bool>().Should().BeTrue();
        document["credential_response_encryption"]!["encryption_required"]!.GetValue<bool>().Should().BeTrue();
        document["credential_response_encryption"]!["enc_values_supported"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Equal("A256GCM");
    }

    [Fact]
    public async Task Unencrypted_request_is_rejected_when_encryption_is_required_OID4VCI_10()
    {
        var wallet = await AuthorizedWalletAsync(configurations: [SdJwtConfiguration]);

        var response = await wallet.RequestCredentialsAsync(SdJwtConfiguration, Keys(1));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TestWallet.ErrorAsync(response)).Should().Be(OpenId4VciErrors.InvalidEncryptionParameters);
    }

    [Fact]
    public async Task Encrypted_request_without_response_encryption_is_rejected_when_responses_must_be_encrypted_OID4VCI_8_3_1_2()
    {
        var wallet = await AuthorizedWalletAsync(configurations: [SdJwtConfiguration]);
        var nonce = await wallet.FetchCNonceAsync();
        var body = new JsonObject
        {
            ["credential_configuration_id"] = SdJwtConfiguration,
            ["proofs"] = new JsonObject { ["jwt"] = new JsonArray(KeyProof.Create(SigningKey.Generate(), IssuerFactory.IssuerUrl, Clock.GetUtcNow(), nonce)) },
        };
        var jwe = EncryptedCredentialMessage.EncryptRequest(Encoding.UTF8.GetBytes(body.ToJsonString()), wallet.Metadata!.RequestEncryption!.Keys[0], JweContentEncryption.A256GCM);

        var response = await wallet.SendCredentialRequestAsync(jwe, contentType: "application/jwt");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TestWallet.ErrorAsync(response)).Should().Be(OpenId4VciErrors.InvalidEncryptionParameters);
    }

    [Fact]
    public async Task Request_encrypted_with_an_enc_not_offered_is_rejected_OID4VCI_10_12_2_4()
    {
        var wallet = await AuthorizedWalletAsync(configurations: [SdJwtConfiguration]);
        var jwe = EncryptedCredentialMessage.EncryptRequest("{}"u8, wallet.Metadata!.RequestEncryption!.Keys[0], JweContentEncryption.A128GCM);

        var response = await wallet.SendCredentialRequestAsync(jwe, contentType: "application/jwt");

        (await TestWallet.ErrorAsync(response)).Should().Be(OpenId4VciErrors.InvalidEncryptionParameters);
    }
}
