using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wallet.Issuer.Options;

namespace Wallet.Issuer.Tests;

/// <summary>Misconfiguration fails at start-up with a message naming the setting.</summary>
public sealed class OptionsValidationTests
{
    public static TheoryData<string, string?, string> Cases => new()
    {
        { "Issuer:IssuerUrl", "http://issuer.test", "Issuer:IssuerUrl" },
        { "Issuer:IssuerUrl", "https://issuer.test/", "Issuer:IssuerUrl" },
        { "Issuer:IssuerUrl", "https://issuer.test?x=1", "Issuer:IssuerUrl" },
        { "Issuer:ApiKeys:0:Sha256", "not-a-hash", "Issuer:ApiKeys:0:Sha256" },
        { "Issuer:TxCodeLength", "2", "Issuer:TxCodeLength" },
        { "Issuer:TxCodeMaxAttempts", "0", "Issuer:TxCodeMaxAttempts" },
        { "Issuer:BatchSize", "0", "Issuer:BatchSize" },
        { "Issuer:StatusListSize", "10", "Issuer:StatusListSize" },
        { "Issuer:OfferLifetime", "-00:01:00", "Issuer:OfferLifetime" },
        { "Issuer:SweepInterval", "00:00:00", "Issuer:SweepInterval" },
        { "Issuer:IssuingCountry", "Norway", "Issuer:IssuingCountry" },
        { "Issuer:GenerateDevelopmentKeys", "false", "Issuer:GenerateDevelopmentKeys" },
        { "Issuer:CredentialConfigurations:x:Format", "jwt_vc_json", "Issuer:CredentialConfigurations:x:Format" },
        { "Issuer:RequireWalletAttestation", "true", "Issuer:WalletProviderTrustAnchors" },
        { "Issuer:RefreshTokenLifetime", "400.00:00:00", "Issuer:RefreshTokenLifetime" },
        { "Issuer:RefreshTokenLifetime", "00:00:00", "Issuer:RefreshTokenLifetime" },
        { "Issuer:ReissueTriggerUnused", "5", "Issuer:ReissueTriggerUnused" },
        { "Issuer:ReissueTriggerLifetimeLeft", "90.00:00:00", "Issuer:ReissueTriggerLifetimeLeft" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_setting_fails_at_start_naming_the_setting(string key, string? value, string named)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key.StartsWith("Issuer:CredentialConfigurations", StringComparison.Ordinal))
        {
            settings["Issuer:CredentialConfigurations:x:Scope"] = "x";
        }

        using var factory = new IssuerFactory(settings: settings);

        var start = () => factory.CreateClient();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(named);
    }

    public static TheoryData<string, string?, string> UpstreamCases => new()
    {
        { "Issuer:Upstream:Authority", "http://eid.example/", "Issuer:Upstream:Authority" },
        { "Issuer:Upstream:Authority", "not a url", "Issuer:Upstream:Authority" },
        { "Issuer:Upstream:ClientId", "", "Issuer:Upstream:ClientId" },
        { "Issuer:Upstream:PersonIdClaim", "", "Issuer:Upstream:PersonIdClaim" },
        { "Issuer:Upstream:Scopes:0", "profile", "Issuer:Upstream:Scopes" },
        { "Issuer:Upstream:AcrLevels:0:Level", "Substantial", "Issuer:Upstream:AcrLevels" },
        { "Issuer:Upstream:AcrLevels:0:Acr", "two words", "Issuer:Upstream:AcrLevels:0:Acr" },
        { "Issuer:Upstream:AcrLevels:1:Acr", "urn:eid:high", "Issuer:Upstream:AcrLevels names an acr value twice" },
        { "Issuer:EnableDevelopmentLogin", "true", "Issuer:EnableDevelopmentLogin" },
    };

    [Theory]
    [MemberData(nameof(UpstreamCases))]
    public void Invalid_upstream_login_setting_fails_at_start_naming_the_setting(string key, string? value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Issuer:Upstream:Authority"] = "https://eid.example/",
            ["Issuer:Upstream:ClientId"] = "pid-issuer",
            ["Issuer:Upstream:AcrLevels:0:Acr"] = "urn:eid:high",
            ["Issuer:Upstream:AcrLevels:0:Level"] = "High",
            ["Issuer:Upstream:AcrLevels:1:Acr"] = "urn:eid:substantial",
            ["Issuer:Upstream:AcrLevels:1:Level"] = "Substantial",
            [key] = value,
        };
        using var factory = new IssuerFactory(settings: settings);

        var start = () => factory.CreateClient();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(named);
    }

    [Fact]
    public void Access_tokens_longer_than_five_minutes_need_dpop_OID4VCI_13_10()
    {
        using var factory = new IssuerFactory(settings: new Dictionary<string, string?> { ["Issuer:AccessTokenLifetime"] = "00:30:00", ["Issuer:RequireDpop"] = "false" });

        var start = () => factory.CreateClient();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("Issuer:AccessTokenLifetime");
    }

    [Fact]
    public void Unreadable_wallet_provider_anchor_fails_at_start_naming_the_setting()
    {
        using var factory = new IssuerFactory(settings: new Dictionary<string, string?> { ["Issuer:RequireWalletAttestation"] = "true", ["Issuer:WalletProviderTrustAnchors:0"] = "/nonexistent/anchor.pem" });

        var start = () => factory.CreateClient();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("Issuer:WalletProviderTrustAnchors");
    }

    [Fact]
    public void Default_options_require_wallet_attestation_and_dpop()
    {
        var options = new IssuerOptions();

        options.RequireWalletAttestation.Should().BeTrue();
        options.RequireDpop.Should().BeTrue();
        options.RequireDpopNonce.Should().BeTrue();
    }

    [Fact]
    public void Defaults_add_the_pid_age_verification_and_representation_configurations_with_english_and_bokmal_display()
    {
        using var factory = new IssuerFactory();
        using var client = factory.CreateClient();

        var options = factory.Services.GetRequiredService<IOptions<IssuerOptions>>().Value;

        options.CredentialConfigurations.Keys.Should().BeEquivalentTo(["eu.europa.ec.eudi.pid_vc_sd_jwt", "eu.europa.ec.eudi.pid_mso_mdoc", "proof_of_age", "eu.europa.ec.eudi.por_vc_sd_jwt", "eu.europa.ec.eudi.por_mso_mdoc"]);
        options.CredentialConfigurations.Values.SelectMany(c => c.Display).Select(d => d.Locale).Distinct().Should().BeEquivalentTo(["en", "nb"]);
    }

    [Fact]
    public void A_partial_entry_under_a_default_identifier_only_lowers_that_configurations_level_of_assurance()
    {
        using var factory = new IssuerFactory(settings: new Dictionary<string, string?> { ["Issuer:CredentialConfigurations:proof_of_age:MinimumLevelOfAssurance"] = "Substantial" });
        using var client = factory.CreateClient();

        var options = factory.Services.GetRequiredService<IOptions<IssuerOptions>>().Value;

        options.CredentialConfigurations.Should().HaveCount(5, "the defaults are the two PID formats, the age attestation and the two representation formats");
        options.CredentialConfigurations["proof_of_age"].Format.Should().Be("mso_mdoc");
        options.CredentialConfigurations["proof_of_age"].MinimumLevelOfAssurance.Should().Be(Wallet.Core.Trust.LevelOfAssurance.Substantial);
        options.CredentialConfigurations["eu.europa.ec.eudi.pid_mso_mdoc"].MinimumLevelOfAssurance.Should().BeNull();
    }
}
