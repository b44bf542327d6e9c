using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Client;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Tests;

/// <summary>The Notification Endpoint, OpenID4VCI 1.0 §11 (checklist §5.9 items 38–39), and its announcement (§12.2.4).</summary>
public sealed class NotificationEndpointTests : IssuerTestBase
{
    private static readonly Uri Endpoint = new(IssuerFactory.IssuerUrl + "/notification");

    [Fact]
    public async Task Metadata_announces_the_notification_endpoint_12_2_4()
    {
        var json = JsonNode.Parse(await Http.GetStringAsync("/.well-known/openid-credential-issuer"))!;

        json["notification_endpoint"]!.GetValue<string>().Should().Be(Endpoint.AbsoluteUri);
        CredentialIssuerMetadata.TryParse(json.ToJsonString(), IssuerFactory.IssuerUrl, out var metadata, out _).Should().BeTrue();
        metadata!.NotificationEndpoint.Should().Be(Endpoint);
    }

    [Fact]
    public async Task A_batch_shares_one_notification_id_recorded_with_each_issued_credential_8_3()
    {
        var wallet = await AuthorizedWalletAsync();

        var response = await wallet.RequestCredentialsAsync(SdJwtConfiguration, Keys(2));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var notificationId = body["notification_id"]!.GetValue<string>();
        notificationId.Should().NotBeNullOrEmpty();
        var records = await Store.ListByNotificationAsync(notificationId);
        records.Should().HaveCount(2).And.OnlyContain(r => r.NotificationId == notificationId && r.NotificationEvent == null);
    }

    [Fact]
    public async Task Wallet_client_sends_credential_accepted_and_later_credential_deleted_both_recorded_11_1()
    {
        var store = new InMemoryCredentialStore();
        var client = new OpenId4VciClient(Http, new WalletClientOptions { TimeProvider = Clock }, store);
        var offer = await CreateOfferAsync(new { personId = "kari-nordmann", credentialConfigurationIds = new[] { SdJwtConfiguration } });
        var session = await client.RedeemPreAuthorizedCodeAsync(await client.ResolveOfferAsync(offer["offerUri"]!.GetValue<string>()), txCode: null);

        var issued = await client.RequestCredentialsAsync(session, SdJwtConfiguration, count: 2);

        var notificationId = issued[0].NotificationId!;
        issued.Should().OnlyContain(c => c.NotificationId == notificationId);
        (await Store.ListByNotificationAsync(notificationId)).Should().HaveCount(2).And.OnlyContain(r => r.NotificationEvent == NotificationEvents.CredentialAccepted);

        await client.NotifyAsync(session, notificationId, NotificationEvents.CredentialDeleted, "user deleted it");

        (await Store.ListByNotificationAsync(notificationId)).Should().OnlyContain(r => r.NotificationEvent == NotificationEvents.CredentialDeleted);
        using var api = Factory.CreateApiClient();
        var listing = await api.GetStringAsync("/api/persons/kari-nordmann/credentials");
        listing.Should().Contain("\"notificationEvent\":\"credential_deleted\"").And.NotContain("Nordmann", "the listing never carries claim values");
    }

    [Fact]
    public async Task Wallet_client_that_cannot_verify_the_credentials_sends_credential_failure_11_1()
    {
        using var otherRoot = Wallet.Core.Development.DevelopmentCertificates.CreateRootCa(Clock.GetUtcNow().AddMinutes(-5), "Some other PID provider root");
        var verifiers = Wallet.Core.Verification.CredentialVerifiers.Create(new Wallet.Core.Verification.CredentialVerificationOptions { TrustAnchors = Wallet.Core.Trust.TrustAnchorStore.FromCertificates([otherRoot]) }, Http, Clock);
        var store = new InMemoryCredentialStore();
        var client = new OpenId4VciClient(Http, new WalletClientOptions { TimeProvider = Clock, CredentialVerification = verifiers }, store);
        var offer = await CreateOfferAsync(new { personId = "kari-nordmann", credentialConfigurationIds = new[] { SdJwtConfiguration } });
        var session = await client.RedeemPreAuthorizedCodeAsync(await client.ResolveOfferAsync(offer["offerUri"]!.GetValue<string>()), txCode: null);

        var act = () => client.RequestCredentialsAsync(session, SdJwtConfiguration, count: 2);

        (await act.Should().ThrowAsync<WalletFlowException>()).Which.Error.Error.Should().Be(WalletClientErrors.InvalidCredential);
        store.Credentials.Should().BeEmpty();
        using var api = Factory.CreateApiClient();
        var listing = JsonNode.Parse(await api.GetStringAsync("/api/persons/kari-nordmann/credentials"))!.AsArray();
        listing.Should().HaveCount(2).And.OnlyContain(c => c!["notificationEvent"]!.GetValue<string>() == NotificationEvents.CredentialFailure, "a batch fails as a whole (§11.1)");
    }

    [Fact]
    public async Task The_same_notification_twice_is_answered_204_and_changes_nothing_11_2()
    {
        var (wallet, notificationId) = await IssuedAsync();
        var first = await NotifyAsync(wallet, Body(notificationId, NotificationEvents.CredentialAccepted));
        var recorded = (await Store.ListByNotificationAsync(notificationId))[0].NotifiedAt;
        Clock.Advance(TimeSpan.FromSeconds(30));

        var second = await NotifyAsync(wallet, Body(notificationId, NotificationEvents.CredentialAccepted));

        first.StatusCode.Should().Be(HttpStatusCode.NoContent);
        second.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Store.ListByNotificationAsync(notificationId))[0].NotifiedAt.Should().Be(recorded);
    }

    [Fact]
    public async Task Unknown_notification_id_is_invalid_notification_id_11_3()
    {
        var (wallet, _) = await IssuedAsync();

        var response = await NotifyAsync(wallet, Body("not-one-we-issued", NotificationEvents.CredentialAccepted));

        await ShouldFailAsync(response, OpenId4VciErrors.InvalidNotificationId);
    }

    [Fact]
    public async Task Notification_id_of_another_holders_issuance_is_invalid_notification_id_and_not_recorded_11_3()
    {
        var (_, othersId) = await IssuedAsync("amina-haddad");
        var (wallet, _) = await IssuedAsync();

        var response = await NotifyAsync(wallet, Body(othersId, NotificationEvents.CredentialDeleted));

        await ShouldFailAsync(response, OpenId4VciErrors.InvalidNotificationId);
        (await Store.ListByNotificationAsync(othersId)).Should().OnlyContain(r => r.NotificationEvent == null);
    }

    [Theory]
    [InlineData("{\"event\":\"credential_accepted\"}")] // notification_id REQUIRED
    [InlineData("{\"notification_id\":\"ID\"}")] // event REQUIRED
    [InlineData("{\"notification_id\":\"ID\",\"event\":\"Credential_Accepted\"}")] // case-sensitive
    [InlineData("{\"notification_id\":\"ID\",\"event\":\"credential_revoked\"}")] // not an event of §11.1
    [InlineData("{\"notification_id\":\"ID\",\"event\":\"credential_failure\",\"event_description\":\"bad \\\"quote\\\"\"}")] // %x22 excluded
    [InlineData("{\"notification_id\":\"ID\",\"event\":\"credential_failure\",\"event_description\":\"pr\u00f8ve\"}")] // not ASCII
    [InlineData("{\"notification_id\":\"ID\",\"notification_id\":\"ID\",\"event\":\"credential_accepted\"}")] // duplicate member
    [InlineData("[]")]
    public async Task Malformed_request_is_invalid_notification_request_11_1(string template)
    {
        var (wallet, notificationId) = await IssuedAsync();

        var response = await NotifyAsync(wallet, template.Replace("ID", notificationId, StringComparison.Ordinal));

        await ShouldFailAsync(response, OpenId4VciErrors.InvalidNotificationRequest);
        (await Store.ListByNotificationAsync(notificationId)).Should().OnlyContain(r => r.NotificationEvent == null);
    }

    [Fact]
    public async Task Request_that_is_not_json_is_invalid_notification_request_11_1()
    {
        var (wallet, notificationId) = await IssuedAsync();

        var response = await NotifyAsync(wallet, Body(notificationId, NotificationEvents.CredentialAccepted), contentType: "application/x-www-form-urlencoded");

        await ShouldFailAsync(response, OpenId4VciErrors.InvalidNotificationRequest);
    }

    [Fact]
    public async Task Request_without_a_valid_access_token_is_401_invalid_token_11_3()
    {
        var (wallet, notificationId) = await IssuedAsync();

        var response = await NotifyAsync(wallet, Body(notificationId, NotificationEvents.CredentialAccepted), authorization: "DPoP not-a-token");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await TestWallet.ErrorAsync(response)).Should().Be("invalid_token");
        (await Store.ListByNotificationAsync(notificationId)).Should().OnlyContain(r => r.NotificationEvent == null);
    }

    [Fact]
    public async Task Dpop_proof_for_another_endpoint_is_refused_rfc9449_4_3()
    {
        var (wallet, notificationId) = await IssuedAsync();
        var proof = DpopProof.Create(wallet.DpopKey, "POST", wallet.Metadata!.CredentialEndpoint, Clock.GetUtcNow(), wallet.DpopNonce, wallet.AccessToken);

        var response = await NotifyAsync(wallet, Body(notificationId, NotificationEvents.CredentialAccepted), dpopProof: proof);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await TestWallet.ErrorAsync(response)).Should().Be("invalid_dpop_proof");
    }

    private IIssuedCredentialStore Store => Factory.Services.GetRequiredService<IIssuedCredentialStore>();

    private static string Body(string notificationId, string notificationEvent) =>
        new NotificationRequest { NotificationId = notificationId, Event = notificationEvent }.ToJsonObject().ToJsonString();

    private async Task<(TestWallet Wallet, string NotificationId)> IssuedAsync(string personId = "kari-nordmann")
    {
        var wallet = await AuthorizedWalletAsync(personId, [SdJwtConfiguration]);
        var response = await wallet.RequestCredentialsAsync(SdJwtConfiguration, Keys(1));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (wallet, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["notification_id"]!.GetValue<string>());
    }

    private async Task<HttpResponseMessage> NotifyAsync(TestWallet wallet, string body, string contentType = "application/json", string? authorization = null, string? dpopProof = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.TryAddWithoutValidation("Authorization", authorization ?? $"DPoP {wallet.AccessToken}");
        request.Headers.Add(DpopProof.HeaderName, dpopProof ?? DpopProof.Create(wallet.DpopKey, "POST", Endpoint, Clock.GetUtcNow(), wallet.DpopNonce, wallet.AccessToken));
        return await Http.SendAsync(request);
    }

    private static async Task ShouldFailAsync(HttpResponseMessage response, string error)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        (await TestWallet.ErrorAsync(response)).Should().Be(error);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }
}
