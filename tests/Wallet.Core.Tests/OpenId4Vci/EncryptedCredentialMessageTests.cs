using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vci;

namespace Wallet.Core.Tests.OpenId4Vci;

/// <summary>Encrypted Credential Requests and Responses (OpenID4VCI 1.0 §8.2, §10, §12.2.4; ECDH-ES + AES-GCM as HAIP 1.0 §5).</summary>
public sealed class EncryptedCredentialMessageTests : IDisposable
{
    // Known answers made outside this code base by an independent ECDH-ES/Concat KDF/AES-GCM implementation in python3
    // with the 'cryptography' package (48.0): recipient d = SHA-256("issuer request key"), ephemeral d =
    // SHA-256("wallet ephemeral " + enc), IV = SHA-256("iv" + enc)[..12], apu/apv empty, header
    // {"alg":"ECDH-ES","enc":enc,"kid":"issuer-key-1","epk":{…}} (script kept in NOTE-enc.md).
    private const string IssuerD = "F-VdvkyYhJVDUCOI8yODbUFCmCw5V404ySNSOdLjbLo";
    private const string IssuerX = "LrsmjE-OuN-cmXB1XbjBiBm--RlrQYUodpeRJXn9uCU";
    private const string IssuerY = "_v4purhhTns86FwScBhoCJwMCvq4SOr60iLS4qokW5w";
    private const string KnownPlaintext = """{"credential_configuration_id":"eu.europa.ec.eudi.pid_vc_sd_jwt"}""";
    private const string KnownA128 = "eyJhbGciOiJFQ0RILUVTIiwiZW5jIjoiQTEyOEdDTSIsImtpZCI6Imlzc3Vlci1rZXktMSIsImVwayI6eyJrdHkiOiJFQyIsImNydiI6IlAtMjU2IiwieCI6IldjTzhkZG5yblJENEVrdFJYZGpUN0I0Y1JFbkIwYWRENHVXRnBQSlEyTlkiLCJ5IjoiOW85Tkd4cl9NYzItNjJpdG9hWjdNSDVjR1JpYzVlM2dpVFN6TDVkeFEyayJ9fQ..oWM6KTWJj0rnMtF5.Xi3p0_P8T4vZBPCjA7lIArLDvDCVO42oUz2nZbKMhGTaWeWS8pghvKfb1KwUwh1jEcGGGU0nqX21Z9ea9GhIgME.4d-mtCWwlFA3VCjogq78Mg";
    private const string KnownA256 = "eyJhbGciOiJFQ0RILUVTIiwiZW5jIjoiQTI1NkdDTSIsImtpZCI6Imlzc3Vlci1rZXktMSIsImVwayI6eyJrdHkiOiJFQyIsImNydiI6IlAtMjU2IiwieCI6IjJRYjVHTmNxOWFrcDU0VHNuNllTZ1g1dG9UWUVjTkMwWkpDckhYaWFQSXciLCJ5IjoibG9Xc1VyZjNUdFluYmZZNy1jdjRabUhtNEp0cjRoaXc0VExCU3RSOWNvdyJ9fQ..2djQoIvxpf5Hhgvu.wEI3ekxC33RxXoKP_hQzukrk3ZfJaOlTYSj7_cyvbrGFe6LyC3l8rjpm4dqXdvdTX5sdslJV4IeElC1zmO8EnNc.JoCEMeGARLlBbDtfuCt0TA";

    private readonly CredentialRequestDecryptionKey _issuerKey = KnownIssuerKey();

    public void Dispose() => _issuerKey.Dispose();

    [Theory]
    [InlineData(KnownA128)]
    [InlineData(KnownA256)]
    public void Request_encrypted_by_an_independent_implementation_decrypts_to_its_JSON_OID4VCI_10(string jwe)
    {
        var ok = EncryptedCredentialMessage.TryDecryptRequest(jwe, [_issuerKey], JweContentEncryption.All, EncryptedCredentialMessage.DefaultMaxLength, out var plaintext, out var error);

        ok.Should().BeTrue(error?.ToString());
        Encoding.UTF8.GetString(plaintext!).Should().Be(KnownPlaintext);
    }

    [Theory]
    [InlineData("A128GCM")]
    [InlineData("A256GCM")]
    public void Request_encrypted_to_the_published_key_carries_its_kid_and_decrypts_OID4VCI_10(string enc)
    {
        JweContentEncryption.TryFromName(enc, out var contentEncryption).Should().BeTrue();
        var jwe = EncryptedCredentialMessage.EncryptRequest(Encoding.UTF8.GetBytes(KnownPlaintext), _issuerKey.PublicKey, contentEncryption!);

        var header = Header(jwe);
        header.GetProperty("kid").GetString().Should().Be("issuer-key-1");
        header.GetProperty("alg").GetString().Should().Be("ECDH-ES");
        header.GetProperty("enc").GetString().Should().Be(enc);
        EncryptedCredentialMessage.TryDecryptRequest(jwe, [_issuerKey], JweContentEncryption.All, 4096, out var plaintext, out var error).Should().BeTrue(error?.ToString());
        Encoding.UTF8.GetString(plaintext!).Should().Be(KnownPlaintext);
    }

    [Fact]
    public void Request_key_without_kid_cannot_be_used_OID4VCI_12_2_4()
    {
        using var ecdsa = ECDsa.Create(_issuerKey.Key.ExportParameters(false));
        var act = () => EncryptedCredentialMessage.EncryptRequest([1], PublicJwk.FromECDsa(ecdsa), JweContentEncryption.A128GCM);

        act.Should().Throw<ArgumentException>();
    }

    public static TheoryData<string, string, string> RequestFailures => new()
    {
        { "unknown-kid", OpenId4VciErrorCodes.RequestEncryptionKeyUnknown, OpenId4VciErrors.InvalidEncryptionParameters },
        { "no-kid", OpenId4VciErrorCodes.RequestEncryptionKeyUnknown, OpenId4VciErrors.InvalidEncryptionParameters },
        { "tampered-tag", JweErrorCodes.DecryptionFailed, OpenId4VciErrors.InvalidEncryptionParameters },
        { "tampered-ciphertext", JweErrorCodes.DecryptionFailed, OpenId4VciErrors.InvalidEncryptionParameters },
        { "enc-not-offered", JweErrorCodes.EncryptionNotAllowed, OpenId4VciErrors.InvalidEncryptionParameters },
        { "zip", JweErrorCodes.UnsupportedHeader, OpenId4VciErrors.InvalidEncryptionParameters },
        { "alg-dir", JweErrorCodes.AlgorithmNotAllowed, OpenId4VciErrors.InvalidEncryptionParameters },
        { "oversized", JweErrorCodes.TooLarge, OpenId4VciErrors.InvalidCredentialRequest },
        { "not-a-jwe", JweErrorCodes.Malformed, OpenId4VciErrors.InvalidCredentialRequest },
        { "invalid-utf8", OpenId4VciErrorCodes.RequestEncryptedContentInvalid, OpenId4VciErrors.InvalidCredentialRequest },
    };

    [Theory]
    [MemberData(nameof(RequestFailures))]
    public void Encrypted_request_that_fails_a_check_gets_its_code_and_wire_error_OID4VCI_8_3_1_2_10(string scenario, string code, string wireError)
    {
        IReadOnlyList<JweContentEncryption> allowed = scenario == "enc-not-offered" ? [JweContentEncryption.A128GCM] : JweContentEncryption.All;
        var plaintext = scenario == "invalid-utf8" ? [0x7B, 0xFF, 0xFE, 0x7D] : Encoding.UTF8.GetBytes(KnownPlaintext);
        var jwe = EncryptedCredentialMessage.EncryptRequest(plaintext, _issuerKey.PublicKey, scenario == "enc-not-offered" ? JweContentEncryption.A256GCM : JweContentEncryption.A128GCM);
        var segments = jwe.Split('.');
        jwe = scenario switch
        {
            "unknown-kid" => Rewrite(jwe, h => h["kid"] = "retired-key"),
            "no-kid" => Rewrite(jwe, h => h.Remove("kid")),
            "tampered-tag" => string.Join('.', segments[..4]) + "." + Flip(segments[4]),
            "tampered-ciphertext" => string.Join('.', segments[..3]) + "." + Flip(segments[3]) + "." + segments[4],
            "zip" => Rewrite(jwe, h => h["zip"] = "DEF"),
            "alg-dir" => Rewrite(jwe, h => h["alg"] = "dir"),
            "oversized" => jwe + new string('A', 64),
            "not-a-jwe" => "eyJhbGciOiJFUzI1NiJ9.e30.c2ln",
            _ => jwe,
        };
        var max = scenario == "oversized" ? jwe.Length - 1 : EncryptedCredentialMessage.DefaultMaxLength;

        EncryptedCredentialMessage.TryDecryptRequest(jwe, [_issuerKey], allowed, max, out var result, out var error).Should().BeFalse();

        result.Should().BeNull();
        error!.Code.Should().Be(code);
        EncryptedCredentialMessage.WireErrorFor(error.Code).Should().Be(wireError);
    }

    [Theory]
    [InlineData("A128GCM", true)]
    [InlineData("A256GCM", false)]
    public void Response_is_encrypted_to_the_wallet_key_with_its_alg_enc_and_kid_OID4VCI_10(string enc, bool withKid)
    {
        using var walletKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var walletPublic = ECDsa.Create(walletKey.ExportParameters(false));
        JweContentEncryption.TryFromName(enc, out var contentEncryption).Should().BeTrue();
        var asked = new CredentialResponseEncryption(PublicJwk.FromECDsa(walletPublic, withKid ? "wallet-1" : null), contentEncryption!);
        var body = Encoding.UTF8.GetBytes("""{"credentials":[{"credential":"x"}]}""");

        var jwe = asked.Encrypt(body);

        var header = Header(jwe);
        header.GetProperty("alg").GetString().Should().Be("ECDH-ES");
        header.GetProperty("enc").GetString().Should().Be(enc);
        header.TryGetProperty("kid", out var kid).Should().Be(withKid);
        if (withKid)
        {
            kid.GetString().Should().Be("wallet-1");
        }

        EncryptedCredentialMessage.TryDecryptResponse(jwe, walletKey, asked, 4096, out var plaintext, out var error).Should().BeTrue(error?.ToString());
        plaintext.Should().Equal(body);
    }

    [Fact]
    public void Response_encrypted_with_another_enc_than_asked_is_refused_OID4VCI_10()
    {
        using var walletKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var walletPublic = ECDsa.Create(walletKey.ExportParameters(false));
        var jwk = PublicJwk.FromECDsa(walletPublic, "wallet-1");
        var jwe = new CredentialResponseEncryption(jwk, JweContentEncryption.A128GCM).Encrypt([0x7B, 0x7D]);

        EncryptedCredentialMessage.TryDecryptResponse(jwe, walletKey, new CredentialResponseEncryption(jwk, JweContentEncryption.A256GCM), 4096, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(JweErrorCodes.EncryptionNotAllowed);
    }

    [Fact]
    public void Response_encryption_parameter_round_trips_with_alg_on_the_jwk_OID4VCI_8_2()
    {
        using var walletPublic = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var asked = new CredentialResponseEncryption(PublicJwk.FromECDsa(walletPublic, "w"), JweContentEncryption.A256GCM);
        var json = new JsonObject { ["credential_configuration_id"] = "a", ["credential_response_encryption"] = asked.ToJsonObject() }.ToJsonString();

        CredentialRequest.TryParse(Encoding.UTF8.GetBytes(json), out var request, out var error).Should().BeTrue(error?.ToString());

        asked.ToJsonObject()["jwk"]!["alg"]!.GetValue<string>().Should().Be("ECDH-ES");
        request!.ResponseEncryption!.ContentEncryption.Should().Be(JweContentEncryption.A256GCM);
        request.ResponseEncryption.Key.HasSameKey(asked.Key).Should().BeTrue();
        request.ResponseEncryption.Key.KeyId.Should().Be("w");
    }

    [Fact]
    public void Encryption_metadata_round_trips_with_kid_alg_and_use_on_every_key_OID4VCI_12_2_4()
    {
        var document = Metadata(new CredentialRequestEncryptionMetadata { Keys = [_issuerKey.PublicKey], ContentEncryptions = JweContentEncryption.All, EncryptionRequired = true });

        var key = document["credential_request_encryption"]!["jwks"]!["keys"]![0]!;
        key["kid"]!.GetValue<string>().Should().Be("issuer-key-1");
        key["alg"]!.GetValue<string>().Should().Be("ECDH-ES");
        key["use"]!.GetValue<string>().Should().Be("enc");
        document["credential_request_encryption"]!["zip_values_supported"].Should().BeNull();
        CredentialIssuerMetadata.TryParse(document.ToJsonString(), "https://issuer.test", out var metadata, out var error).Should().BeTrue(error?.ToString());
        metadata!.RequestEncryption!.EncryptionRequired.Should().BeTrue();
        metadata.RequestEncryption.Keys.Should().ContainSingle().Which.KeyId.Should().Be("issuer-key-1");
        metadata.RequestEncryption.ContentEncryptions.Should().Equal(JweContentEncryption.A128GCM, JweContentEncryption.A256GCM);
        metadata.ResponseEncryption!.OffersEcdhEs.Should().BeTrue();
        metadata.ResponseEncryption.EncryptionRequired.Should().BeFalse();
    }

    [Theory]
    [InlineData("no-kid")]
    [InlineData("duplicate-kid")]
    [InlineData("no-encryption-required")]
    [InlineData("empty-enc")]
    [InlineData("response-no-alg")]
    public void Encryption_metadata_that_breaks_a_MUST_makes_the_metadata_invalid_OID4VCI_12_2_4(string scenario)
    {
        var document = Metadata(new CredentialRequestEncryptionMetadata { Keys = [_issuerKey.PublicKey], ContentEncryptions = JweContentEncryption.All });
        var request = document["credential_request_encryption"]!.AsObject();
        var keys = request["jwks"]!["keys"]!.AsArray();
        switch (scenario)
        {
            case "no-kid": keys[0]!.AsObject().Remove("kid"); break;
            case "duplicate-kid": keys.Add(keys[0]!.DeepClone()); break;
            case "no-encryption-required": request.Remove("encryption_required"); break;
            case "empty-enc": request["enc_values_supported"] = new JsonArray(); break;
            case "response-no-alg": document["credential_response_encryption"]!.AsObject().Remove("alg_values_supported"); break;
        }

        CredentialIssuerMetadata.TryParse(document.ToJsonString(), "https://issuer.test", out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(OpenId4VciErrorCodes.MetadataMalformed);
    }

    private static JsonObject Metadata(CredentialRequestEncryptionMetadata request) => new CredentialIssuerMetadata
    {
        CredentialIssuer = "https://issuer.test",
        CredentialEndpoint = new Uri("https://issuer.test/credential"),
        RequestEncryption = request,
        ResponseEncryption = new CredentialResponseEncryptionMetadata { ContentEncryptions = JweContentEncryption.All },
        CredentialConfigurations = new Dictionary<string, CredentialConfiguration>(),
    }.ToJsonObject();

    private static CredentialRequestDecryptionKey KnownIssuerKey()
    {
        using var ecdh = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = Base64Url.DecodeFromChars(IssuerD),
            Q = new ECPoint { X = Base64Url.DecodeFromChars(IssuerX), Y = Base64Url.DecodeFromChars(IssuerY) },
        });
        return CredentialRequestDecryptionKey.FromPkcs8(ecdh.ExportPkcs8PrivateKey(), "issuer-key-1");
    }

    private static JsonElement Header(string jwe) => JsonDocument.Parse(Base64Url.DecodeFromChars(jwe.Split('.')[0])).RootElement.Clone();

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
        bytes[0] ^= 1;
        return Base64Url.EncodeToString(bytes);
    }
}
