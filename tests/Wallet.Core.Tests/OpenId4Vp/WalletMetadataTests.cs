using System.Text.Json.Nodes;
using Wallet.Core.OpenId4Vp;

namespace Wallet.Core.Tests.OpenId4Vp;

/// <summary>wallet_metadata as the Verifier reads it (OpenID4VP 1.0 §5.10, §10.1).</summary>
public sealed class WalletMetadataTests
{
    [Fact]
    public void Spec_example_wallet_metadata_is_read_5_10()
    {
        // The wallet_metadata of the §5.10 example request, URL-decoded by hand.
        var json = JsonNode.Parse("""{"vp_formats_supported":{"dc+sd-jwt":{"sd-jwt_alg_values": ["ES256"],"kb-jwt_alg_values": ["ES256"]}}}""")!.AsObject();

        WalletMetadata.TryParse(json, out var metadata, out var error).Should().BeTrue(error?.Message);

        metadata!.VpFormatsSupported.Select(f => f.Key).Should().Equal("dc+sd-jwt");
        metadata.RequestObjectSigningAlgValuesSupported.Should().BeNull();
        metadata.AuthorizationEncryptionAlgValuesSupported.Should().BeNull();
        metadata.AuthorizationEncryptionEncValuesSupported.Should().BeNull();
        metadata.Supports("dc+sd-jwt", VerifierClientMetadata.DefaultVpFormatsSupported()["dc+sd-jwt"]!.AsObject()).Should().BeTrue();
        metadata.Supports("mso_mdoc", VerifierClientMetadata.DefaultVpFormatsSupported()["mso_mdoc"]!.AsObject()).Should().BeFalse("the wallet does not list it");
    }

    [Fact]
    public void Algorithm_lists_are_read_and_unknown_members_ignored_10_1()
    {
        var json = JsonNode.Parse("""{"vp_formats_supported":{"mso_mdoc":{}},"request_object_signing_alg_values_supported":["ES256"],"authorization_encryption_alg_values_supported":["ECDH-ES"],"authorization_encryption_enc_values_supported":["A128GCM","A256GCM"],"x_unknown":{"a":1}}""")!.AsObject();

        WalletMetadata.TryParse(json, out var metadata, out _).Should().BeTrue();

        metadata!.RequestObjectSigningAlgValuesSupported.Should().Equal("ES256");
        metadata.AuthorizationEncryptionAlgValuesSupported.Should().Equal("ECDH-ES");
        metadata.AuthorizationEncryptionEncValuesSupported.Should().Equal("A128GCM", "A256GCM");
        metadata.Supports("mso_mdoc", VerifierClientMetadata.DefaultVpFormatsSupported()["mso_mdoc"]!.AsObject()).Should().BeTrue("a wallet that names no algorithms accepts the Verifier's");
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"vp_formats_supported":[]}""")]
    [InlineData("""{"vp_formats_supported":{"dc+sd-jwt":"ES256"}}""")]
    [InlineData("""{"vp_formats_supported":{},"request_object_signing_alg_values_supported":"ES256"}""")]
    [InlineData("""{"vp_formats_supported":{},"authorization_encryption_alg_values_supported":[]}""")]
    [InlineData("""{"vp_formats_supported":{},"authorization_encryption_enc_values_supported":[1]}""")]
    public void Malformed_wallet_metadata_is_rejected_10_1(string text)
    {
        WalletMetadata.TryParse(JsonNode.Parse(text)!.AsObject(), out var metadata, out var error).Should().BeFalse();

        metadata.Should().BeNull();
        error!.Code.Should().Be(OpenId4VpErrorCodes.WalletParameterInvalid);
    }

    [Theory]
    [InlineData("""{"sd-jwt_alg_values":["ES384"],"kb-jwt_alg_values":["ES256"]}""", false)]
    [InlineData("""{"sd-jwt_alg_values":["ES256"],"kb-jwt_alg_values":["EdDSA","ES512"]}""", false)]
    [InlineData("""{"sd-jwt_alg_values":["ES384","ES256"]}""", true)]
    public void Format_fits_only_when_every_algorithm_list_both_sides_name_overlaps_10_1(string walletParameters, bool fits)
    {
        var json = JsonNode.Parse("""{"vp_formats_supported":{"dc+sd-jwt":""" + walletParameters + "}}")!.AsObject();
        WalletMetadata.TryParse(json, out var metadata, out _).Should().BeTrue();

        metadata!.Supports("dc+sd-jwt", VerifierClientMetadata.DefaultVpFormatsSupported()["dc+sd-jwt"]!.AsObject()).Should().Be(fits);
    }

    [Fact]
    public void Enc_values_can_only_be_narrowed_to_a_non_empty_subset()
    {
        var metadata = VerifierClientMetadata.Create(null);

        metadata.WithEncValues([Wallet.Core.Jose.JweContentEncryption.A256GCM]).EncryptedResponseEncValuesSupported.Should().Equal(Wallet.Core.Jose.JweContentEncryption.A256GCM);
        var empty = () => metadata.WithEncValues([]);
        empty.Should().Throw<ArgumentException>();
    }
}
