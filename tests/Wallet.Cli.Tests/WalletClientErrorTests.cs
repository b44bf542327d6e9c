using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Wallet.Cli.Demo;
using Wallet.Client;
using Wallet.Core.Dcql;
using Wallet.Core.Development;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.Trust;

namespace Wallet.Cli.Tests;

/// <summary>
/// The wallet client against the real services: each failure is a <see cref="WalletFlowException"/> naming the step and
/// the error it met on the wire (or the Wallet.Core / wallet code when the wallet itself refuses).
/// </summary>
public sealed class WalletClientErrorTests(DemoServicesFixture fixture) : IClassFixture<DemoServicesFixture>
{
    private static readonly string[] Both = [OnlineDemo.SdJwtConfiguration, OnlineDemo.MdocConfiguration];

    private OpenId4VciClient Issuance(WalletClientOptions? options = null, InMemoryCredentialStore? store = null) =>
        new(fixture.Http, options ?? fixture.Options(), store ?? new InMemoryCredentialStore());

    private async Task<ResolvedOffer> OfferAsync(OpenId4VciClient client)
    {
        var (offerUri, _) = await fixture.Apis.CreateOfferAsync("kari-nordmann", Both, CancellationToken.None);
        return await client.ResolveOfferAsync(offerUri);
    }

    [Fact]
    public async Task Wrong_tx_code_is_reported_as_token_invalid_grant_OID4VCI_6_3()
    {
        var client = Issuance();
        var offer = await OfferAsync(client);

        var act = () => client.RedeemPreAuthorizedCodeAsync(offer, "000000-wrong");

        var error = (await act.Should().ThrowAsync<WalletFlowException>()).Which.Error;
        error.Step.Should().Be(WalletSteps.Token);
        error.Error.Should().Be(OAuthErrors.InvalidGrant);
        error.HttpStatus.Should().Be(400);
        error.ToString().Should().StartWith("token: invalid_grant (HTTP 400)");
    }

    [Fact]
    public async Task Missing_tx_code_is_refused_by_the_wallet_before_sending_OID4VCI_4_1_1()
    {
        var client = Issuance();
        var offer = await OfferAsync(client);

        var act = () => client.RedeemPreAuthorizedCodeAsync(offer, txCode: null);

        var error = (await act.Should().ThrowAsync<WalletFlowException>()).Which.Error;
        error.Should().Be(error with { Step = WalletSteps.Token, Error = WalletClientErrors.TxCodeRequired, HttpStatus = null });
    }

    [Fact]
    public async Task Wallet_without_attestation_is_reported_as_token_invalid_client_HAIP_4_4_1()
    {
        var client = Issuance(fixture.Options(attested: false));
        var (offerUri, txCode) = await fixture.Apis.CreateOfferAsync("kari-nordmann", Both, CancellationToken.None);
        var offer = await client.ResolveOfferAsync(offerUri);

        var act = () => client.RedeemPreAuthorizedCodeAsync(offer, txCode);

        var error = (await act.Should().ThrowAsync<WalletFlowException>()).Which.Error;
        (error.Step, error.Error, error.HttpStatus).Should().Be((WalletSteps.Token, OAuthErrors.InvalidClient, 401));
    }

    [Fact]
    public async Task Malformed_offer_link_is_reported_at_the_offer_step_OID4VCI_4_1()
    {
        var act = () => Issuance().ResolveOfferAsync("openid-credential-offer://?nothing=here");

        var error = (await act.Should().ThrowAsync<WalletFlowException>()).Which.Error;
        (error.Step, error.Error).Should().Be((WalletSteps.Offer, OpenId4VciErrorCodes.OfferLinkInvalid));
    }

    [Fact]
    public async Task Unknown_access_token_is_reported_as_credential_invalid_token_from_WWW_Authenticate_RFC9449_7_1()
    {
        var reports = new List<WalletStepReport>();
        var client = Issuance(fixture.Options(reports));
        var (offerUri, txCode) = await fixture.Apis.CreateOfferAsync("kari-nordmann", Both, CancellationToken.None);
        var session = await client.RedeemPreAuthorizedCodeAsync(await client.ResolveOfferAsync(offerUri), txCode);
        var forged = new IssuanceSession(session.Issuer, "not-a-token", session.DpopKey, session.DpopNonce, [], session.ClientId);

        var act = () => client.RequestCredentialsAsync(forged, OnlineDemo.SdJwtConfiguration);

        var error = (await act.Should().ThrowAsync<WalletFlowException>()).Which.Error;
        (error.Step, error.Error, error.HttpStatus).Should().Be((WalletSteps.Credential, OAuthErrors.InvalidToken, 401));
        reports.Select(r => r.Step).Should().Equal(WalletSteps.Offer, WalletSteps.Metadata, WalletSteps.Token, WalletSteps.Nonce);
    }

    [Fact]
    public async Task Login_as_a_person_the_page_does_not_offer_fails_the_authorize_step()
    {
        var client = Issuance();
        var issuer = await client.LoadIssuerAsync(fixture.IssuerUrl);

        var act = () => client.AuthorizeAsync(issuer, Both, new DevelopmentLoginUserAgent(fixture.Http, "nobody"));

        var error = (await act.Should().ThrowAsync<WalletFlowException>()).Which.Error;
        (error.Step, error.Error).Should().Be((WalletSteps.Authorize, WalletClientErrors.InvalidResponse));
        error.Description.Should().Contain("nobody");
    }

    [Fact]
    public async Task Request_object_signed_under_an_untrusted_root_is_reported_at_the_request_step_OID4VP_5_10()
    {
        var (_, requestUri) = await fixture.Apis.CreatePresentationAsync(OnlineDemo.PidQuery(), new Uri(fixture.Services.VerifierUrl, "/"), CancellationToken.None);
        using var otherRoot = DevelopmentCertificates.CreateRootCa(DateTimeOffset.UtcNow.AddMinutes(-5), "Some other verifier root", pathLength: 0);
        var options = new WalletClientOptions { VerifierTrust = new X509ChainValidator(TrustAnchorStore.FromCertificates([otherRoot])) };
        var client = new OpenId4VpClient(fixture.Http, options, new InMemoryCredentialStore());

        var act = () => client.FetchRequestAsync(requestUri);

        var error = (await act.Should().ThrowAsync<WalletFlowException>()).Which.Error;
        (error.Step, error.Error).Should().Be((WalletSteps.RequestObject, OpenId4VpErrorCodes.RequestUntrusted));
        error.Description.Should().Contain(TrustErrorCodes.UntrustedRoot, "every failed check is listed");
    }

    [Fact]
    public async Task Empty_wallet_reports_the_dcql_step_and_tells_the_verifier_access_denied_OID4VP_8_5()
    {
        var (transactionId, requestUri) = await fixture.Apis.CreatePresentationAsync(OnlineDemo.PidQuery(), redirectUri: null, CancellationToken.None);
        var client = new OpenId4VpClient(fixture.Http, fixture.Options(), new InMemoryCredentialStore());

        var act = () => client.RespondAsync(requestUri);

        var error = (await act.Should().ThrowAsync<WalletFlowException>()).Which.Error;
        (error.Step, error.Error).Should().Be((WalletSteps.Dcql, DcqlErrorCodes.CredentialMissing));
        var result = await fixture.Apis.GetPresentationAsync(transactionId, null, CancellationToken.None);
        result["status"]!.GetValue<string>().Should().Be("rejected");
        result["errors"]![0]!["code"]!.GetValue<string>().Should().Be("verifier.wallet_error");
    }

    [Fact]
    public async Task Services_are_not_reachable_without_trusting_the_demo_certificate()
    {
        using var untrusting = new HttpClient();

        var act = () => untrusting.GetAsync(new Uri(fixture.Services.IssuerUrl, "/.well-known/openid-credential-issuer"));

        await act.Should().ThrowAsync<HttpRequestException>();
    }
}
