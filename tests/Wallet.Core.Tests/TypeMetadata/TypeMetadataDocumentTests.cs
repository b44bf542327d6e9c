using System.Text;
using Wallet.Core.SdJwtVc;
using Wallet.Core.TypeMetadata;

namespace Wallet.Core.Tests.TypeMetadata;

/// <summary>Type Metadata documents (draft-ietf-oauth-sd-jwt-vc-18 §4.2, §4.5, §4.6) and their SRI integrity (§5).</summary>
public class TypeMetadataDocumentTests
{
    // printf '{"vct":"urn:eudi:pid:1"}' | openssl dgst -sha256 -binary | base64
    private const string SmallDocument = """{"vct":"urn:eudi:pid:1"}""";
    private const string SmallSha256 = "sha256-Z+XzccSL/IhGr/y11WVIlMWX+XwM9E7Bf3Ntc18WuZ0=";

    // printf '{"vct":"urn:eudi:pid:1"}' | openssl dgst -sha384 -binary | base64
    private const string SmallSha384 = "sha384-aHcUlziwLG32S2w9YeSsaqGfVaN4Lp93oZb/73NV4L6E0ODYutJKRrKh3QDSuKwS";

    // printf '' | openssl dgst -sha256 -binary | base64 (the digest of another document: the empty one)
    private const string EmptySha256 = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    [Fact]
    public void Sha256_integrity_of_a_document_is_the_openssl_digest_draft_ietf_oauth_sd_jwt_vc_5()
    {
        IntegrityMetadata.Sha256Of(Encoding.UTF8.GetBytes(SmallDocument)).Should().Be(SmallSha256);
        IntegrityMetadata.TryParse(SmallSha256, out var integrity, out _).Should().BeTrue();
        integrity!.Matches(Encoding.UTF8.GetBytes(SmallDocument)).Should().BeTrue();
        integrity.Matches(Encoding.UTF8.GetBytes(SmallDocument + " ")).Should().BeFalse();
    }

    [Fact]
    public void Pid_type_metadata_integrity_is_the_openssl_digest_of_the_published_file_draft_ietf_oauth_sd_jwt_vc_5()
    {
        // openssl dgst -sha256 -binary src/Wallet.Core/SdJwtVc/pid-type-metadata.json | base64
        PidTypeMetadata.Integrity.Should().Be("sha256-W7jK4HhWdtYicnKUI6bf0uBI6oFAMuldnGo3KyNBRSo=");
    }

    [Theory]
    [InlineData(EmptySha256 + " " + SmallSha384, true)]
    [InlineData(SmallSha256 + " " + "sha384-" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", false)]
    [InlineData("md5-abc " + SmallSha256 + "?opt", true)]
    public void The_strongest_supported_algorithm_decides_draft_ietf_oauth_sd_jwt_vc_5_SRI_3_3(string value, bool expected)
    {
        IntegrityMetadata.TryParse(value, out var integrity, out var error).Should().BeTrue(error?.ToString());
        integrity!.Matches(Encoding.UTF8.GetBytes(SmallDocument)).Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256")]
    [InlineData("md5-1B2M2Y8AsgTpgAmY7PhCfg==")]
    [InlineData("sha256-not*base64")]
    [InlineData("sha256-Z-XzccSL_IhGr_y11WVIlMWX-XwM9E7Bf3Ntc18WuZ0=")]
    [InlineData("sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuA==")]
    public void Value_that_is_not_sri_integrity_metadata_with_a_supported_algorithm_is_refused_draft_ietf_oauth_sd_jwt_vc_5(string value)
    {
        IntegrityMetadata.TryParse(value, out _, out var error).Should().BeFalse();
        error!.Code.Should().Be(TypeMetadataErrorCodes.IntegrityInvalid);
    }

    [Fact]
    public void Example_document_of_the_draft_is_read_and_unknown_properties_are_ignored_draft_ietf_oauth_sd_jwt_vc_4_2()
    {
        // draft-ietf-oauth-sd-jwt-vc-18 §4.1, Example Type Metadata Document, plus one property no draft defines.
        const string json = """
            {
              "vct":"https://betelgeuse.example.com/education_credential/v42",
              "name":"Betelgeuse Education Credential - Version 42",
              "description":"This is our education credential. Don't panic.",
              "extends":"https://galaxy.example.com/galactic-education-credential/v2",
              "extends#integrity":"sha256-ilOUJsTultOwLfz7QUcFALaRa3BP/jelX1ds04kB9yU=",
              "x-unknown": {"deep": [1, 2, 3]}
            }
            """;

        TypeMetadataDocument.TryParse(Encoding.UTF8.GetBytes(json), out var document, out var error).Should().BeTrue(error?.ToString());

        document!.Vct.Should().Be("https://betelgeuse.example.com/education_credential/v42");
        document.Name.Should().Be("Betelgeuse Education Credential - Version 42");
        document.Extends.Should().Be("https://galaxy.example.com/galactic-education-credential/v2");
        document.ExtendsIntegrity!.Value.Should().Be("sha256-ilOUJsTultOwLfz7QUcFALaRa3BP/jelX1ds04kB9yU=");
        document.Display.Should().BeNull();
        document.Claims.Should().BeNull();
    }

    [Fact]
    public void Pid_type_metadata_has_english_and_bokmal_display_and_claim_labels_draft_ietf_oauth_sd_jwt_vc_4_5_and_4_6()
    {
        TypeMetadataDocument.TryParse(PidTypeMetadata.Document, out var document, out var error).Should().BeTrue(error?.ToString());

        document!.Vct.Should().Be(PidSdJwtVc.Vct);
        document.Display!.Select(d => d.Locale).Should().Equal("en", "nb");
        var givenName = document.Claims!.Single(c => c.Path.ToString() == "given_name");
        givenName.Display!.Select(d => (d.Locale, d.Label)).Should().Equal(("en", "Given name"), ("nb", "Fornavn"));
        givenName.Rule.Should().Be(SelectiveDisclosureRule.Always);
        givenName.IsMandatory.Should().BeTrue();
        document.Claims!.Single(c => c.Path.ToString() == "vct").Rule.Should().Be(SelectiveDisclosureRule.Never);
    }

    [Fact]
    public void Extends_integrity_that_is_not_sri_is_refused_draft_ietf_oauth_sd_jwt_vc_5()
    {
        TypeMetadataDocument.TryParse(Encoding.UTF8.GetBytes("""{"vct":"urn:x","extends":"urn:y","extends#integrity":"md5-abc"}"""), out _, out var error).Should().BeFalse();
        error!.Code.Should().Be(TypeMetadataErrorCodes.IntegrityInvalid);
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""{"name":"no vct"}""")]
    [InlineData("""{"vct":42}""")]
    [InlineData("""{"vct":"urn:x","display":{"locale":"en","name":"X"}}""")]
    [InlineData("""{"vct":"urn:x","display":[{"name":"X"}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":[]}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":["a",-1]}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"display":[]}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":["a"],"sd":"sometimes"}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":["a"],"mandatory":"yes"}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":["a"],"display":[{"locale":"en"}]}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":["a"],"svg_id":"1a"}]}""")]
    [InlineData("""{"vct":"urn:x","claims":[{"path":["a"],"svg_id":"a"},{"path":["b"],"svg_id":"a"}]}""")]
    [InlineData("""{"vct":"urn:x","vct":"urn:y"}""")]
    public void Document_that_breaks_the_structure_is_refused_draft_ietf_oauth_sd_jwt_vc_4_2_4_5_4_6(string json)
    {
        TypeMetadataDocument.TryParse(Encoding.UTF8.GetBytes(json), out _, out var error).Should().BeFalse();
        error!.Code.Should().Be(TypeMetadataErrorCodes.Malformed);
    }
}
