using System.Text.Json;
using Wallet.Core.OpenId4Vci;

namespace Wallet.Core.Tests.OpenId4Vci;

/// <summary>
/// <c>credential_reuse_policy</c> (ETSI TS 119 472-3 §4.2.4.2) as the ARF requires it in the Credential Issuer Metadata
/// (Annex 2 ISSU_39, ISSU_40, ISSU_45, ISSU_50).
/// </summary>
public sealed class CredentialReusePolicyTests
{
    // Written by hand in the shape ETSI TS 119 472-3 §4.2.4.2 gives (id, options[].details, batch_size,
    // reissue_trigger_unused, reissue_trigger_lifetime_left in seconds), as the EUDI reference issuer and wallet libraries
    // read it; 604800 s = 7 days.
    private const string OnceOnlyPolicy = """{"id":"arf_annex_ii","options":[{"details":["once_only"],"batch_size":10,"reissue_trigger_unused":2,"reissue_trigger_lifetime_left":604800}]}""";

    private static CredentialReusePolicy? Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return CredentialReusePolicy.FromJson(document.RootElement);
    }

    [Fact]
    public void Once_only_policy_reads_batch_size_and_both_triggers_ISSU_45_50()
    {
        var policy = Parse(OnceOnlyPolicy)!;

        policy.Id.Should().Be(CredentialReusePolicy.ArfAnnexII);
        var option = policy.Options.Should().ContainSingle().Subject;
        option.Details.Should().Equal(CredentialReuseOption.OnceOnly);
        option.BatchSize.Should().Be(10);
        option.ReissueTriggerUnused.Should().Be(2);
        option.ReissueTriggerLifetimeLeft.Should().Be(TimeSpan.FromDays(7));
    }

    [Fact]
    public void Once_only_policy_is_written_exactly_as_specified_ISSU_39()
    {
        CredentialReusePolicy.OnceOnly(10, 2, TimeSpan.FromDays(7)).ToJsonObject().ToJsonString().Should().Be(OnceOnlyPolicy);
    }

    [Fact]
    public void The_policy_is_carried_in_credential_metadata_of_its_configuration_ISSU_39()
    {
        var configuration = new CredentialConfiguration { Format = CredentialFormats.DcSdJwt, ReusePolicy = CredentialReusePolicy.OnceOnly(10, 2, null) };

        configuration.ToJsonObject()["credential_metadata"]!["credential_reuse_policy"]!["options"]![0]!.ToJsonString()
            .Should().Be("""{"details":["once_only"],"batch_size":10,"reissue_trigger_unused":2}""");
    }

    [Theory]
    [InlineData("""{"options":[]}""")]
    [InlineData("""[]""")]
    [InlineData("""{"id":7,"options":[]}""")]
    public void A_policy_without_an_id_is_not_read(string json)
    {
        Parse(json).Should().BeNull();
    }

    [Theory]
    [InlineData("""{"details":[],"batch_size":10}""")]
    [InlineData("""{"batch_size":10}""")]
    [InlineData("""{"details":["once_only"],"batch_size":-1}""")]
    [InlineData("""{"details":["once_only"],"reissue_trigger_unused":"2"}""")]
    [InlineData("""{"details":["once_only"],"reissue_trigger_lifetime_left":99999999999}""")]
    public void An_option_a_wallet_cannot_read_is_skipped_and_the_others_kept(string option)
    {
        var policy = Parse($$"""{"id":"arf_annex_ii","options":[{{option}},{"details":["limited_time"],"reissue_trigger_lifetime_left":3600}]}""")!;

        policy.Options.Should().ContainSingle().Which.Details.Should().Equal(CredentialReuseOption.LimitedTime);
    }
}
