using System.Net;
using Wallet.Core.Jose;

namespace Wallet.Issuer.Tests;

/// <summary>All state lives in the data folder: offers, codes, tokens, nonces, status lists and keys survive a restart.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Offer_token_nonce_and_status_list_survive_a_restart()
    {
        var clock = IssuerFactory.NewClock();
        string offerUri;
        string dataDirectory;
        string rootBefore;
        TestWallet wallet;
        string cNonce;
        using (var first = new IssuerFactory(clock: clock) { DeleteDataDirectory = false })
        {
            dataDirectory = first.DataDirectory;
            using var http = first.CreateClient();
            using var api = first.CreateApiClient();
            var created = System.Text.Json.Nodes.JsonNode.Parse(await (await api.PostAsync("/api/offers", new StringContent("""{"personId":"kari-nordmann"}""", System.Text.Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync())!;
            offerUri = created["offerUri"]!.GetValue<string>();
            wallet = new TestWallet(http, clock);
            await wallet.ResolveOfferAsync(offerUri);
            (await wallet.RequestTokenAsync()).StatusCode.Should().Be(HttpStatusCode.OK);
            cNonce = await wallet.FetchCNonceAsync();
            (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync("eu.europa.ec.eudi.pid_vc_sd_jwt", [SigningKey.Generate()]))).Should().ContainSingle();
            rootBefore = File.ReadAllText(Path.Combine(dataDirectory, "keys", "root.pem"));
        }

        using var second = new IssuerFactory(dataDirectory, clock: clock) { DeleteDataDirectory = true };
        using var http2 = second.CreateClient();
        var restarted = new TestWallet(http2, clock);
        await restarted.ResolveOfferAsync(second.IssuerUrlOffer(wallet));
        File.ReadAllText(Path.Combine(dataDirectory, "keys", "root.pem")).Should().Be(rootBefore, "keys are generated once and then loaded");

        // The access token and c_nonce issued before the restart still work; the DPoP nonce key is per process, so the
        // wallet answers one use_dpop_nonce challenge first.
        restarted.AdoptTokenOf(wallet);
        var holder = SigningKey.Generate();
        var challenge = await restarted.RequestCredentialsAsync("eu.europa.ec.eudi.pid_vc_sd_jwt", [holder], cNonce);
        challenge.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var credential = (await TestWallet.CredentialsAsync(await restarted.RequestCredentialsAsync("eu.europa.ec.eudi.pid_vc_sd_jwt", [holder], cNonce))).Single();

        var result = await new CredentialVerification(second, http2).VerifySdJwtVcAsync(credential, holder);
        result.Errors.Should().BeEmpty();
        result.StatusReference!.Uri.AbsoluteUri.Should().Be(IssuerFactory.IssuerUrl + "/status-lists/1");
        (await restarted.RequestTokenAsync()).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the code was redeemed before the restart");
    }
}
