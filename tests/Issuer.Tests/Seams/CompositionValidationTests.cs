using Wallet.Issuer.Options;

namespace Wallet.Issuer.Tests.Seams;

/// <summary>Options validation asks only for the settings of the defaults the host kept; each failure names the setting.</summary>
public sealed class CompositionValidationTests : IDisposable
{
    // A data folder without keys: the default key source would refuse it.
    private readonly string _emptyFolder = Path.Combine(Path.GetTempPath(), "issuer-composition-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_emptyFolder))
        {
            Directory.Delete(_emptyFolder, recursive: true);
        }
    }

    private IssuerOptions Options(Action<IssuerOptions>? change = null)
    {
        var options = new IssuerOptions { IssuerUrl = "https://issuer.test", DataDirectory = _emptyFolder, RequireWalletAttestation = false };
        change?.Invoke(options);
        return options;
    }

    private static List<string> Failures(IssuerComposition composition, IssuerOptions options) =>
        new IssuerOptionsValidator(TimeProvider.System, composition).Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void The_default_keys_need_key_files_or_generated_development_keys()
    {
        Failures(new IssuerComposition(), Options()).Should().ContainSingle().Which.Should().Contain("Issuer:GenerateDevelopmentKeys").And.Contain("Issuer:Keys");
    }

    [Fact]
    public void Host_keys_need_no_key_files_and_no_development_keys()
    {
        Failures(new IssuerComposition { HostKeys = true }, Options()).Should().BeEmpty();
    }

    [Fact]
    public void Host_keys_refuse_generated_development_keys_naming_the_setting()
    {
        Failures(new IssuerComposition { HostKeys = true }, Options(o => o.GenerateDevelopmentKeys = true))
            .Should().ContainSingle().Which.Should().StartWith("Issuer:GenerateDevelopmentKeys must be false").And.Contain("UseSigningKeys");
    }

    [Fact]
    public void Host_keys_refuse_key_files_naming_the_setting()
    {
        Failures(new IssuerComposition { HostKeys = true }, Options(o => o.Keys.RootCertificatePath = "/etc/iaca.pem"))
            .Should().ContainSingle().Which.Should().StartWith("Issuer:Keys must be empty");
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, true, false)]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    public void A_data_folder_is_required_while_any_default_keeps_files_in_it(bool hostKeys, bool hostRegister, bool hostStores)
    {
        var composition = new IssuerComposition { HostKeys = hostKeys, HostRegister = hostRegister, HostStores = hostStores };

        Failures(composition, Options(o => o.DataDirectory = " ")).Should().Contain("Issuer:DataDirectory must name a folder.");
    }

    [Fact]
    public void Host_keys_register_and_stores_need_no_data_folder()
    {
        var composition = new IssuerComposition { HostKeys = true, HostRegister = true, HostStores = true };

        Failures(composition, Options(o => o.DataDirectory = " ")).Should().BeEmpty();
    }

    [Fact]
    public void A_host_register_refuses_the_development_login_naming_the_setting()
    {
        Failures(new IssuerComposition { HostKeys = true, HostRegister = true }, Options(o => o.EnableDevelopmentLogin = true))
            .Should().ContainSingle().Which.Should().StartWith("Issuer:EnableDevelopmentLogin must be false").And.Contain("UsePersonRegister");
    }

    [Fact]
    public void A_host_login_needs_no_login_settings()
    {
        Failures(new IssuerComposition { HostKeys = true, HostLogin = true }, Options()).Should().BeEmpty();
    }

    [Fact]
    public void A_host_login_refuses_the_development_login_naming_the_setting()
    {
        Failures(new IssuerComposition { HostKeys = true, HostLogin = true }, Options(o => o.EnableDevelopmentLogin = true))
            .Should().ContainSingle().Which.Should().StartWith("Issuer:EnableDevelopmentLogin must be false").And.Contain("UseLogin");
    }

    [Fact]
    public void A_host_login_refuses_an_upstream_provider_naming_the_setting_and_skips_its_checks()
    {
        // Without the host login this upstream configuration would also fail on ClientId and AcrLevels.
        Failures(new IssuerComposition { HostKeys = true, HostLogin = true }, Options(o => o.Upstream.Authority = "https://eid.example/"))
            .Should().ContainSingle().Which.Should().StartWith("Issuer:Upstream:Authority must be unset").And.Contain("UseLogin");
    }
}
