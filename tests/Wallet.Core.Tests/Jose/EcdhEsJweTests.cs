using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Core.Tests.TestSupport;

namespace Wallet.Core.Tests.Jose;

/// <summary>JWE with direct ECDH-ES key agreement and AES-GCM (RFC 7516, RFC 7518 §4.6, §5.3; OpenID4VP 1.0 §8.3; HAIP 1.0 §5).</summary>
public sealed class EcdhEsJweTests : IDisposable
{
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("""{"vp_token":{"pid":["eyJ..."]},"state":"s1"}""");
    private readonly ECDiffieHellman _recipient = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => _recipient.Dispose();

    [Fact]
    public void Concat_kdf_derives_the_appendix_C_key_from_Z_RFC7518_C()
    {
        var vector = Vectors.Load("jose", "rfc7518-appendix-c.json");
        var z = Bytes(vector["z"]!);

        var key = ConcatKdf.DeriveKey(z, "A128GCM", Encoding.ASCII.GetBytes("Alice"), Encoding.ASCII.GetBytes("Bob"), 16);

        key.Should().Equal(Bytes(vector["derived_key"]!));
        Base64UrlString(key).Should().Be(vector["derived_key_base64url"]!.GetValue<string>());
    }

    [Fact]
    public void Both_parties_agree_on_Z_and_the_derived_key_of_appendix_C_RFC7518_4_6_2()
    {
        var vector = Vectors.Load("jose", "rfc7518-appendix-c.json");
        using var alice = PrivateKey(vector["alice_ephemeral_jwk"]!);
        using var bob = PrivateKey(vector["bob_jwk"]!);

        var zAlice = alice.DeriveRawSecretAgreement(bob.PublicKey);
        var zBob = bob.DeriveRawSecretAgreement(alice.PublicKey);

        zAlice.Should().Equal(Bytes(vector["z"]!));
        zBob.Should().Equal(zAlice);
        var header = vector["header"]!;
        ConcatKdf.DeriveKey(zBob, header["enc"]!.GetValue<string>(), Base64Url(header["apu"]!), Base64Url(header["apv"]!), 16)
            .Should().Equal(Bytes(vector["derived_key"]!));
    }

    [Fact]
    public void Encrypted_response_example_decrypts_to_its_plaintext_OID4VP_8_3()
    {
        var vector = Vectors.Load("oid4vp", "encrypted-response", "encrypted-response-dc_api_jwt.json");
        using var verifier = PrivateKey(vector["verifier_private_jwk"]!);
        var jwe = vector["response_param (JWE compact, value of the 'response' parameter)"]!.GetValue<string>();

        var ok = EcdhEsJwe.TryDecrypt(jwe, verifier, new JweDecryptionOptions { ExpectedKeyId = "ac" }, out var result, out var error);

        ok.Should().BeTrue(error?.ToString());
        result!.ContentEncryption.Should().Be(JweContentEncryption.A128GCM);
        result.KeyId.Should().Be("ac");
        JsonNode.DeepEquals(JsonNode.Parse(result.Plaintext.Span), vector["decrypted_payload"]).Should().BeTrue();
    }

    [Theory]
    [InlineData("A128GCM")]
    [InlineData("A256GCM")]
    public void Encrypted_content_decrypts_with_the_recipient_key_RFC7516_5(string enc)
    {
        JweContentEncryption.TryFromName(enc, out var encryption).Should().BeTrue();
        var jwe = EcdhEsJwe.Encrypt(Plaintext, RecipientJwk(), encryption!, "k1", Encoding.ASCII.GetBytes("wallet"), Encoding.ASCII.GetBytes("nonce-123"));

        EcdhEsJwe.TryDecrypt(jwe, _recipient, new JweDecryptionOptions { ExpectedKeyId = "k1" }, out var result, out var error).Should().BeTrue(error?.ToString());

        result!.Plaintext.ToArray().Should().Equal(Plaintext);
        result.ContentEncryption.Name.Should().Be(enc);
        result.Header.GetProperty("apv").GetString().Should().Be("bm9uY2UtMTIz");
        Segments(jwe)[1].Should().BeEmpty("direct key agreement has an empty Encrypted Key (RFC 7518 §4.6)");
    }

    [Fact]
    public void Each_encryption_uses_a_fresh_ephemeral_key_and_iv_RFC7518_4_6()
    {
        var first = Segments(EcdhEsJwe.Encrypt(Plaintext, RecipientJwk(), JweContentEncryption.A256GCM));
        var second = Segments(EcdhEsJwe.Encrypt(Plaintext, RecipientJwk(), JweContentEncryption.A256GCM));

        first[0].Should().NotBe(second[0]);
        first[2].Should().NotBe(second[2]);
    }

    public static TheoryData<string, string> Tampering => new()
    {
        { "tag", JweErrorCodes.DecryptionFailed },
        { "ciphertext", JweErrorCodes.DecryptionFailed },
        { "iv", JweErrorCodes.DecryptionFailed },
        { "header", JweErrorCodes.DecryptionFailed },
        { "encrypted_key", JweErrorCodes.Malformed },
        { "short_iv", JweErrorCodes.Malformed },
        { "short_tag", JweErrorCodes.Malformed },
        { "four_segments", JweErrorCodes.Malformed },
        { "padding", JweErrorCodes.Malformed },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public void Altered_token_is_rejected_RFC7516_5_2(string part, string code)
    {
        var segments = Segments(EcdhEsJwe.Encrypt(Plaintext, RecipientJwk(), JweContentEncryption.A128GCM, "k1"));
        switch (part)
        {
            case "tag": segments[4] = Flip(segments[4]); break;
            case "ciphertext": segments[3] = Flip(segments[3]); break;
            case "iv": segments[2] = Flip(segments[2]); break;
            case "header":
                var header = JsonNode.Parse(Base64Url(segments[0]))!.AsObject();
                header["kid"] = "k2";
                segments[0] = Base64UrlString(Encoding.UTF8.GetBytes(header.ToJsonString()));
                break;
            case "encrypted_key": segments[1] = "AAAA"; break;
            case "short_iv": segments[2] = Base64UrlString(new byte[8]); break;
            case "short_tag": segments[4] = Base64UrlString(new byte[12]); break;
            case "four_segments": segments = segments[..4]; break;
            case "padding": segments[4] += "=="; break;
        }

        Reject(string.Join('.', segments)).Should().Be(code);
    }

    [Fact]
    public void Token_encrypted_to_another_key_is_rejected_RFC7516_5_2()
    {
        using var other = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var jwe = EcdhEsJwe.Encrypt(Plaintext, RecipientJwk(), JweContentEncryption.A128GCM);

        EcdhEsJwe.TryDecrypt(jwe, other, null, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(JweErrorCodes.DecryptionFailed);
    }

    public static TheoryData<string, string> HeaderViolations => new()
    {
        { """{"alg":"ECDH-ES+A128KW","enc":"A128GCM"}""", JweErrorCodes.AlgorithmNotAllowed },
        { """{"alg":"RSA-OAEP-256","enc":"A128GCM"}""", JweErrorCodes.AlgorithmNotAllowed },
        { """{"alg":"dir","enc":"A128GCM"}""", JweErrorCodes.AlgorithmNotAllowed },
        { """{"alg":"none","enc":"A128GCM"}""", JweErrorCodes.AlgorithmNotAllowed },
        { """{"enc":"A128GCM"}""", JweErrorCodes.AlgorithmNotAllowed },
        { """{"alg":"ECDH-ES","enc":"A192GCM"}""", JweErrorCodes.EncryptionNotAllowed },
        { """{"alg":"ECDH-ES","enc":"A128CBC-HS256"}""", JweErrorCodes.EncryptionNotAllowed },
        { """{"alg":"ECDH-ES"}""", JweErrorCodes.EncryptionNotAllowed },
        { """{"alg":"ECDH-ES","enc":"A128GCM","zip":"DEF","epk":"EPK"}""", JweErrorCodes.UnsupportedHeader },
        { """{"alg":"ECDH-ES","enc":"A128GCM","crit":["exp"],"exp":1,"epk":"EPK"}""", JweErrorCodes.UnsupportedHeader },
        { """{"alg":"ECDH-ES","enc":"A128GCM","kid":7,"epk":"EPK"}""", JweErrorCodes.InvalidHeader },
        { """{"alg":"ECDH-ES","enc":"A128GCM"}""", JweErrorCodes.InvalidEphemeralKey },
        { """{"alg":"ECDH-ES","enc":"A128GCM","epk":"EPK_WITH_D"}""", JweErrorCodes.InvalidEphemeralKey },
        { """{"alg":"ECDH-ES","enc":"A128GCM","epk":"EPK_OFF_CURVE"}""", JweErrorCodes.InvalidEphemeralKey },
        { """{"alg":"ECDH-ES","enc":"A128GCM","epk":"EPK_P384"}""", JweErrorCodes.InvalidEphemeralKey },
        { """{"alg":"ECDH-ES","enc":"A128GCM","epk":"EPK","apu":"not base64url!"}""", JweErrorCodes.InvalidHeader },
        { """{"alg":"ECDH-ES","enc":"A128GCM","alg":"ECDH-ES"}""", JweErrorCodes.InvalidHeader },
        { """["ECDH-ES"]""", JweErrorCodes.InvalidHeader },
        { """{"alg":"ECDH-ES","enc":"A128GCM","epk":{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":{"k":{"l":{"m":{"n":{"o":{"p":{"q":1}}}}}}}}}}}}}}}}}}""", JweErrorCodes.InvalidHeader },
    };

    [Theory]
    [MemberData(nameof(HeaderViolations))]
    public void Header_outside_the_allow_list_is_rejected_RFC8725_3_1(string header, string code)
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var epk = PublicJwk.FromECDsa(ECDsa.Create(ECCurve.NamedCurves.nistP256)).ToJsonObject();
        var withD = epk.DeepClone().AsObject();
        withD["d"] = Base64UrlString(new byte[32]);
        var offCurve = epk.DeepClone().AsObject();
        offCurve["y"] = offCurve["x"]!.GetValue<string>();
        var json = header
            .Replace("\"EPK_WITH_D\"", withD.ToJsonString(), StringComparison.Ordinal)
            .Replace("\"EPK_OFF_CURVE\"", offCurve.ToJsonString(), StringComparison.Ordinal)
            .Replace("\"EPK_P384\"", PublicJwk.FromECDsa(p384).ToJson(), StringComparison.Ordinal)
            .Replace("\"EPK\"", epk.ToJsonString(), StringComparison.Ordinal);

        Reject(Craft(json)).Should().Be(code);
    }

    [Fact]
    public void Enc_outside_the_recipients_allow_list_is_rejected_HAIP_5()
    {
        var jwe = EcdhEsJwe.Encrypt(Plaintext, RecipientJwk(), JweContentEncryption.A128GCM);

        Reject(jwe, new JweDecryptionOptions { AllowedContentEncryptions = [JweContentEncryption.A256GCM] }).Should().Be(JweErrorCodes.EncryptionNotAllowed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("k2")]
    public void Kid_other_than_the_recipient_keys_is_rejected_OID4VP_8_3(string? kid)
    {
        var jwe = EcdhEsJwe.Encrypt(Plaintext, RecipientJwk(), JweContentEncryption.A128GCM, kid);

        Reject(jwe, new JweDecryptionOptions { ExpectedKeyId = "k1" }).Should().Be(JweErrorCodes.KeyIdMismatch);
    }

    [Fact]
    public void Token_over_the_size_limit_is_rejected_before_parsing()
    {
        var jwe = EcdhEsJwe.Encrypt(new byte[4096], RecipientJwk(), JweContentEncryption.A128GCM);

        Reject(jwe, new JweDecryptionOptions { Limits = new JweLimits { MaxTokenLength = 1024 } }).Should().Be(JweErrorCodes.TooLarge);
        Reject(jwe, new JweDecryptionOptions { Limits = new JweLimits { MaxHeaderLength = 64 } }).Should().Be(JweErrorCodes.TooLarge);
    }

    private string Reject(string jwe, JweDecryptionOptions? options = null)
    {
        EcdhEsJwe.TryDecrypt(jwe, _recipient, options, out var result, out var error).Should().BeFalse();
        result.Should().BeNull();
        return error!.Code;
    }

    private PublicJwk RecipientJwk()
    {
        using var ecdsa = ECDsa.Create(_recipient.ExportParameters(false));
        return PublicJwk.FromECDsa(ecdsa);
    }

    private static string Craft(string headerJson) =>
        $"{Base64UrlString(Encoding.UTF8.GetBytes(headerJson))}..{Base64UrlString(new byte[12])}.{Base64UrlString(new byte[5])}.{Base64UrlString(new byte[16])}";

    private static string[] Segments(string jwe) => jwe.Split('.');

    private static string Flip(string segment)
    {
        var bytes = Base64Url(segment);
        bytes[0] ^= 0x01;
        return Base64UrlString(bytes);
    }

    private static ECDiffieHellman PrivateKey(JsonNode jwk) =>
        ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = Base64Url(jwk["d"]!),
            Q = new ECPoint { X = Base64Url(jwk["x"]!), Y = Base64Url(jwk["y"]!) },
        });

    private static byte[] Bytes(JsonNode array) => array.AsArray().Select(n => (byte)n!.GetValue<int>()).ToArray();

    private static byte[] Base64Url(JsonNode node) => Base64Url(node.GetValue<string>());

    private static byte[] Base64Url(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    private static string Base64UrlString(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    [Fact]
    public void Ephemeral_key_is_released_after_decryption_and_decrypting_again_works_RFC7518_4_6()
    {
        var jwe = EcdhEsJwe.Encrypt(Plaintext, RecipientJwk(), JweContentEncryption.A256GCM);

        EcdhEsJwe.TryDecrypt(jwe, _recipient, null, out var first, out var error).Should().BeTrue(error?.ToString());
        EcdhEsJwe.TryDecrypt(jwe, _recipient, null, out var second, out error).Should().BeTrue(error?.ToString());

        first!.EphemeralKey.HoldsImportedKey.Should().BeFalse("the epk imported to validate its point is freed, not left to the finalizer");
        first.EphemeralKey.HasSameKey(second!.EphemeralKey).Should().BeTrue();
        second.Plaintext.ToArray().Should().Equal(Plaintext);
    }
}
