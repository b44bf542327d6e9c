using Wallet.Cli.Demo;
using Wallet.Client;
using Wallet.Core.Development;
using Wallet.Core.Mdoc;
using Wallet.Core.Trust;
using Wallet.Core.Verification;

namespace Wallet.Cli.Tests;

/// <summary>
/// WalletClientOptions.CredentialVerification: the wallet verifies what an issuer hands it with the one composition
/// point (chain to the anchors, signature, validity, status fetched as JWT or CWT) before storing it.
/// </summary>
public sealed class ReceivedCredentialVerificationTests(DemoServicesFixture fixture) : IClassFixture<DemoServicesFixture>
{
    [Theory]
    [InlineData(OnlineDemo.SdJwtConfiguration)]
    [InlineData(OnlineDemo.MdocConfiguration)]
    public async Task Credential_under_the_trusted_issuer_root_with_a_valid_status_is_stored(string configuration)
    {
        var verifiers = CredentialVerifiers.Create(new CredentialVerificationOptions { TrustAnchors = TrustAnchorStore.FromFiles([fixture.Services.IssuerRootPath]) }, fixture.Http);
        var store = new InMemoryCredentialStore();

        var issued = await IssueAsync(configuration, verifiers, store);

        issued.Should().ContainSingle();
        store.Credentials.Should().ContainSingle();
    }

    [Theory]
    [InlineData(OnlineDemo.SdJwtConfiguration, TrustErrorCodes.UntrustedRoot)]
    [InlineData(OnlineDemo.MdocConfiguration, MdocErrorCodes.ChainUntrusted)]
    public async Task Credential_that_does_not_chain_to_the_wallets_anchors_is_refused_and_not_stored(string configuration, string code)
    {
        using var otherRoot = DevelopmentCertificates.CreateRootCa(DateTimeOffset.UtcNow.AddMinutes(-5), "Some other PID provider root");
        var verifiers = CredentialVerifiers.Create(new CredentialVerificationOptions { TrustAnchors = TrustAnchorStore.FromCertificates([otherRoot]) }, fixture.Http);
        var store = new InMemoryCredentialStore();

        var act = () => IssueAsync(configuration, verifiers, store);

        var error = (await act.Should().ThrowAsync<WalletFlowException>()).Which.Error;
        (error.Step, error.Error).Should().Be((WalletSteps.Credential, WalletClientErrors.InvalidCredential));
        error.Description.Should().Contain(code, "every failed check is listed");
        store.Credentials.Should().BeEmpty();
    }

    private async Task<IReadOnlyList<StoredCredential>> IssueAsync(string configuration, CredentialVerifiers verifiers, InMemoryCredentialStore store)
    {
        var defaults = fixture.Options();
        var options = new WalletClientOptions { WalletInstance = defaults.WalletInstance, KeyAttester = defaults.KeyAttester, VerifierTrust = defaults.VerifierTrust, CredentialVerification = verifiers };
        var client = new OpenId4VciClient(fixture.Http, options, store);
        var (offerUri, txCode) = await fixture.Apis.CreateOfferAsync("kari-nordmann", [configuration], CancellationToken.None);
        var offer = await client.ResolveOfferAsync(offerUri);
        var session = await client.RedeemPreAuthorizedCodeAsync(offer, txCode);
        return await client.RequestCredentialsAsync(session, configuration);
    }
}
