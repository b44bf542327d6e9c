using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.Credentials;
using Wallet.Core.Jose;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;
using Wallet.Issuer.Signing;

namespace Wallet.Issuer.Tests.Seams;

/// <summary>UseSigningKeys: the host's key provider signs credentials and status lists; no key files are read or generated.</summary>
public sealed class SigningKeysSeamTests() : IssuerTestBase(
    new Dictionary<string, string?> { ["Issuer:GenerateDevelopmentKeys"] = "false" },
    services => services.AddPidIssuer().UseSigningKeys(OwnKeys))
{
    private static readonly HostKeys OwnKeys = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Credentials_are_signed_with_the_host_keys_and_no_key_file_is_asked_for()
    {
        var wallet = await AuthorizedWalletAsync(configurations: [SdJwtConfiguration]);
        var holder = SigningKey.Generate();

        var credential = (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, [holder]))).Single();

        Factory.Services.GetRequiredService<IIssuerKeys>().Should().BeSameAs(OwnKeys);
        SdJwt.TryParse(credential, SdJwtLimits.Default, out var issued, out _).Should().BeTrue();
        issued!.IssuerSignedJwt.Header.GetProperty("x5c")[0].GetString().Should().Be(Convert.ToBase64String(OwnKeys.CredentialSigner.CertificateChain[0].RawData));
        Directory.Exists(FileSystemIssuerKeys.KeyFolder(Factory.DataDirectory)).Should().BeFalse("the host's keys replace the key folder");

        // Trusting only the host's IACA: the credential and its status list token (signed by the host's status key) verify.
        var result = await new CredentialVerification(Factory, Http).VerifySdJwtVcAsync(credential, holder);
        result.Errors.Should().BeEmpty();
        result.Status.Should().Be(CredentialStatus.Valid);
    }

    [Fact]
    public async Task Issuer_metadata_jwks_publish_the_host_keys()
    {
        var jwks = JsonDocument.Parse(await Http.GetStringAsync("/jwks")).RootElement.GetProperty("keys");

        jwks.EnumerateArray().Select(k => k.GetProperty("x5c")[0].GetString())
            .Should().Equal(Convert.ToBase64String(OwnKeys.CredentialSigner.CertificateChain[0].RawData), Convert.ToBase64String(OwnKeys.StatusListSigner.CertificateChain[0].RawData));
    }
}
