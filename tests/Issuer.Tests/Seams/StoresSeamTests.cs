using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.StatusList;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Tests.Seams;

/// <summary>UseStores: every kind of state goes through the host's stores.</summary>
public sealed class StoresSeamTests() : IssuerTestBase(services: services => services.AddPidIssuer().UseStores<RecordingStores>())
{
    [Fact]
    public async Task An_offer_redeemed_to_a_credential_goes_through_the_host_stores_only()
    {
        var stores = Factory.Services.GetRequiredService<RecordingStores>();
        var wallet = await AuthorizedWalletAsync(configurations: [SdJwtConfiguration]);

        var credentials = await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, [SigningKey.Generate()]));

        credentials.Should().ContainSingle();
        stores.Calls.Should().Contain(
        [
            "IOfferStore.AddAsync",
            "IOfferStore.RedeemAsync",
            "IAccessTokenStore.AddAsync",
            "INonceStore.AddAsync",
            "IDpopReplayCache.TryAddAsync",
            "IIssuedCredentialStore.AddAsync",
            "IAuditTrail.AppendAsync",
        ]);
        stores.Calls.Should().Contain(c => c.StartsWith("IStatusListStore.", StringComparison.Ordinal));
        Factory.Services.GetRequiredService<IOfferStore>().Should().BeSameAs(stores.Offers);
        Factory.Services.GetRequiredService<IDpopReplayCache>().Should().BeSameAs(stores.DpopReplayCache);
        Factory.Services.GetRequiredService<IStatusListStore>().Should().BeSameAs(stores.StatusLists);
        Factory.Services.GetRequiredService<IExpiredStateSweeper>().Should().BeSameAs(stores.ExpiredStateSweeper);
        Factory.Services.GetRequiredService<IAuditTrail>().Should().BeSameAs(stores.AuditTrail);
    }
}
