using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.OpenId4Vci;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Tests;

/// <summary>Expired state is deleted by the sweeper; live state is kept.</summary>
public sealed class ExpiredStateSweepTests : IssuerTestBase
{
    private ValueTask<int> SweepAsync() =>
        Factory.Services.GetRequiredService<IExpiredStateSweeper>().SweepAsync(Clock.GetUtcNow(), TimeSpan.FromMinutes(5));

    private static string OfferId(string offerLink)
    {
        CredentialOfferLink.TryParse(offerLink, OpenId4VciLimits.Default, out var link, out _).Should().BeTrue();
        return link!.OfferUri!.Segments[^1];
    }

    [Fact]
    public async Task Expired_offers_tokens_nonces_and_dpop_entries_are_deleted_and_live_ones_kept()
    {
        var offers = Factory.Services.GetRequiredService<IOfferStore>();
        var expiring = await CreateOfferAsync(new { personId = "kari-nordmann" });
        var wallet = new TestWallet(Http, Clock);
        await wallet.ResolveOfferAsync(expiring["offerUri"]!.GetValue<string>());
        (await wallet.RequestTokenAsync()).StatusCode.Should().Be(HttpStatusCode.OK);
        var cNonce = await wallet.FetchCNonceAsync();

        (await SweepAsync()).Should().Be(0, "nothing has expired yet");
        Clock.Advance(TimeSpan.FromMinutes(14));
        (await SweepAsync()).Should().BeGreaterThanOrEqualTo(3, "the access token, the c_nonce and the DPoP replay entries expired");
        (await offers.FindAsync(OfferId(expiring["offerUri"]!.GetValue<string>()))).Should().NotBeNull("a token issued at the offer's last moment could still read it");

        // Past the offer lifetime (10 min) plus the longest life of a token issued for it (5 min).
        Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var live = await CreateOfferAsync(new { personId = "amina-haddad" });
        var deleted = await SweepAsync();

        deleted.Should().Be(1);
        (await offers.FindAsync(OfferId(expiring["offerUri"]!.GetValue<string>()))).Should().BeNull();
        (await offers.FindAsync(OfferId(live["offerUri"]!.GetValue<string>()))).Should().NotBeNull();
        (await Factory.Services.GetRequiredService<INonceStore>().TryConsumeAsync(cNonce, Clock.GetUtcNow())).Should().BeFalse();
        var liveWallet = new TestWallet(Http, Clock);
        await liveWallet.ResolveOfferAsync(live["offerUri"]!.GetValue<string>());
        (await liveWallet.RequestTokenAsync()).StatusCode.Should().Be(HttpStatusCode.OK, "a live offer survives the sweep");
    }
}
