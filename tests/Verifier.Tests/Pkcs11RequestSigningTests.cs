using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vp;
using Wallet.Hosting.Pkcs11;
using Wallet.Tests.SoftHsm;
using Wallet.Verifier.Signing;

namespace Wallet.Verifier.Tests;

/// <summary>Issue 12: the request signing key in a PKCS#11 token (SoftHSM2 here), <c>Verifier:RequestSigningPkcs11</c>.</summary>
public sealed class Pkcs11RequestSigningTests : IDisposable
{
    private readonly SoftHsm _hsm = SoftHsm.Instance;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "verifier-pkcs11-tests", Guid.NewGuid().ToString("N"));
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _root;

    public Pkcs11RequestSigningTests()
    {
        SoftHsm.ExportPin();
        Directory.CreateDirectory(_folder);
        var now = DateTimeOffset.UtcNow.AddHours(-1);
        _root = DevelopmentCertificates.CreateRootCa(now, "Test HSM Verifier Root", "NO", pathLength: 0);
        var leaf = _hsm.Certify("request-signer", _root, "HSM Verifier", now, dnsName: new Uri(VerifierApp.PublicBaseUrl).Host);
        File.WriteAllText(Path.Combine(_folder, "request-signer.pem"), DevelopmentCertificates.ExportCertificatePem(leaf));
    }

    public void Dispose()
    {
        _root.Dispose();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private Dictionary<string, string?> Settings(string keyLabel = "request-signer")
    {
        var settings = SoftHsm.Settings("Verifier:RequestSigningPkcs11", keyLabel);
        settings["Verifier:RequestSigningCertificatePath"] = Path.Combine(_folder, "request-signer.pem");

        // The PIN from a file here (a mounted secret, with its trailing line break); the Issuer tests read it from a variable.
        File.WriteAllText(Path.Combine(_folder, "pin"), SoftHsm.Pin + "\n");
        settings["Verifier:RequestSigningPkcs11:PinEnvironmentVariable"] = null;
        settings["Verifier:RequestSigningPkcs11:PinFile"] = Path.Combine(_folder, "pin");
        return settings;
    }

    [Theory]
    [InlineData(ClientIdPrefixes.X509Hash)]
    [InlineData(ClientIdPrefixes.X509SanDns)]
    public async Task Request_objects_are_signed_in_the_token_and_the_wallet_verifies_them_to_the_root_OID4VP_5_9_3(string prefix)
    {
        using var app = new VerifierApp(prefix, settings: Settings());
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());
        var wallet = new TestWallet(app.WalletClient(), _root, app.Clock, TestCredentials.IssuePid(SigningKey.Generate()));

        var run = await wallet.RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        run.Response.StatusCode.Should().Be(HttpStatusCode.OK, run.Body?.ToJsonString());
        run.Request.ClientId.Prefix.Should().Be(prefix);
        var status = await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
        status["status"]!.GetValue<string>().Should().Be("verified", status.ToJsonString());
        app.Services.GetRequiredService<RequestSigningCredentials>().SigningKey.Key.Should().BeOfType<Pkcs11ECDsa>();
        File.Exists(Path.Combine(app.DataDirectory, RequestSigningCredentials.DevelopmentRootFileName)).Should().BeFalse("no development key is generated");
    }

    [Theory]
    [InlineData("missing key label", "Verifier:RequestSigningPkcs11:KeyLabel", "no-such-key", "Verifier:RequestSigningPkcs11:KeyLabel: token 'wallet-test' holds no private key labelled 'no-such-key'")]
    [InlineData("key of another certificate", "Verifier:RequestSigningPkcs11:KeyLabel", "credential-signer-1", "Verifier:RequestSigningPkcs11:KeyLabel: the key 'credential-signer-1' is not the key of the certificate")]
    [InlineData("wrong token label", "Verifier:RequestSigningPkcs11:TokenLabel", "no-such-token", "Verifier:RequestSigningPkcs11:TokenLabel: no token labelled 'no-such-token'")]
    [InlineData("key file as well", "Verifier:RequestSigningKeyPath", "/etc/hostname", "Verifier:RequestSigningKeyPath must be unset: Verifier:RequestSigningPkcs11 names the key")]
    [InlineData("no certificate", "Verifier:RequestSigningCertificatePath", null, "Verifier:RequestSigningPkcs11 needs Verifier:RequestSigningCertificatePath")]
    public void Faulty_token_configuration_fails_at_start_naming_the_setting(string fault, string key, string? value, string named)
    {
        var settings = Settings();
        settings[key] = value;
        using var app = new VerifierApp(settings: settings);

        var start = () => app.CreateClient();

        start.Should().Throw<OptionsValidationException>(fault).Which.Message.Should().Contain(named).And.NotContain(SoftHsm.Pin);
    }
}
