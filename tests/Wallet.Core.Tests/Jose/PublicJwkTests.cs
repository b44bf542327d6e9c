using System.Security.Cryptography;
using Wallet.Core.Jose;

namespace Wallet.Core.Tests.Jose;

public class PublicJwkTests
{
    [Fact]
    public void Thumbprint_of_the_RFC9449_figure_2_key_matches_its_jkt_RFC7638_3()
    {
        // RFC 9449 §5 Figure 2 DPoP key and the jkt given for it (vectors/oauth/pkce-dpop-thumbprint.json).
        const string json = """{"kty":"EC","x":"l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs","y":"9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA","crv":"P-256"}""";

        PublicJwk.TryParse(json, out var jwk, out var error).Should().BeTrue(error?.ToString());

        jwk!.ComputeThumbprintBase64Url().Should().Be("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");
    }

    [Theory]
    [InlineData("d")]
    [InlineData("p")]
    [InlineData("k")]
    public void Jwk_with_private_member_is_rejected(string member)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var json = PublicJwk.FromECDsa(key).ToJsonObject();
        json[member] = "AAAA";

        PublicJwk.TryParse(json.ToJsonString(), out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(JoseErrorCodes.PrivateKeyInJwk);
    }

    [Fact]
    public void Jwk_whose_point_is_not_on_the_curve_is_rejected()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var json = PublicJwk.FromECDsa(key).ToJsonObject();
        json["y"] = json["x"]!.GetValue<string>();

        PublicJwk.TryParse(json.ToJsonString(), out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(JoseErrorCodes.InvalidJwk);
    }

    [Theory]
    [InlineData("""{"kty":"RSA","n":"AQAB","e":"AQAB"}""")]
    [InlineData("""{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}""")]
    [InlineData("[]")]
    [InlineData("not json")]
    public void Unsupported_or_malformed_jwk_is_rejected(string json)
    {
        PublicJwk.TryParse(json, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(JoseErrorCodes.InvalidJwk);
    }

    [Fact]
    public void A_released_key_keeps_its_data_and_still_verifies_and_rejects_signatures_after_reimport()
    {
        // Per-presentation keys are released when their verification ends (issue 17): the JWK must stay fully usable.
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = "released"u8.ToArray();
        var signature = signer.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        PublicJwk.TryParse(PublicJwk.FromECDsa(signer).ToJson(), out var jwk, out _).Should().BeTrue();
        jwk!.HoldsImportedKey.Should().BeTrue("the parse imported the key to validate the point");
        var thumbprint = jwk.ComputeThumbprintBase64Url();

        jwk.ReleaseImportedKey();

        jwk.HoldsImportedKey.Should().BeFalse();
        jwk.ComputeThumbprintBase64Url().Should().Be(thumbprint);
        jwk.VerifySignature(data, signature).Should().BeTrue("a released key is imported again when it is used");
        jwk.VerifySignature("other"u8, signature).Should().BeFalse();
        jwk.ReleaseImportedKey();
        jwk.ReleaseImportedKey();
        jwk.HoldsImportedKey.Should().BeFalse("releasing twice is harmless");
    }
}
