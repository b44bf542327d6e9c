using System.Net;
using System.Text.Json.Nodes;
using Wallet.Client;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.SdJwtVc;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Tests;

/// <summary>
/// Deferred issuance, OpenID4VCI 1.0 §8.3 and §9 (checklist §5.6 item 31, §5.7 items 34–36): a person the register marks
/// for a manual check is answered 202; the agency API completes or refuses; the Wallet polls the Deferred Credential Endpoint.
/// </summary>
public sealed class DeferredIssuanceTests() : IssuerTestBase(new Dictionary<string, string?> { ["Issuer:DeferredInterval"] = "00:00:01" })
{
    private const string ManualCheck = "jonas-manual-check";

    [Fact]
    public async Task Metadata_announces_the_deferred_credential_endpoint_12_2_4()
    {
        var json = JsonNode.Parse(await Http.GetStringAsync("/.well-known/openid-credential-issuer"))!;

        json["deferred_credential_endpoint"]!.GetValue<string>().Should().Be(IssuerFactory.IssuerUrl + "/deferred_credential");
    }

    [Fact]
    public async Task Person_marked_for_manual_check_is_answered_202_with_transaction_id_and_interval_only_8_3()
    {
        var wallet = await AuthorizedWalletAsync(ManualCheck);

        var response = await wallet.RequestCredentialsAsync(SdJwtConfiguration, Keys(2));

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, text);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var body = JsonNode.Parse(text)!.AsObject();
        body.Select(p => p.Key).Should().BeEquivalentTo(["transaction_id", "interval"], "§8.3: credentials MUST NOT be combined with transaction_id");
        body["interval"]!.GetValue<long>().Should().Be(1);
        body["transaction_id"]!.GetValue<string>().Length.Should().BeGreaterThanOrEqualTo(32);
    }

    [Fact]
    public async Task Person_without_manual_check_is_issued_at_once_8_3()
    {
        var wallet = await AuthorizedWalletAsync("amina-haddad");

        var response = await wallet.RequestCredentialsAsync(SdJwtConfiguration, Keys(1));

        response.StatusCode.Should().Be(HttpStatusCode.OK, "only the register's flag defers, not the missing number alone");
    }

    [Fact]
    public async Task Pending_poll_answers_202_with_the_same_transaction_id_9_2()
    {
        var (wallet, transactionId) = await DeferredAsync();

        var response = await wallet.PollDeferredAsync(transactionId);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["transaction_id"]!.GetValue<string>().Should().Be(transactionId);
        body["interval"]!.GetValue<long>().Should().Be(1);
        body["credentials"].Should().BeNull();
    }

    [Fact]
    public async Task Completed_by_the_agency_the_poll_delivers_verifiable_credentials_bound_to_the_proved_keys_9_2()
    {
        var holders = Keys(2);
        var (wallet, transactionId) = await DeferredAsync(holders);
        await DecideAsync("complete");

        var response = await wallet.PollDeferredAsync(transactionId);

        var credentials = await TestWallet.CredentialsAsync(response);
        credentials.Should().HaveCount(2);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["notification_id"]!.GetValue<string>().Should().NotBeNullOrEmpty("§9.2: notification_id MAY be returned");
        var verification = new CredentialVerification(Factory, Http);
        for (var i = 0; i < 2; i++)
        {
            var result = await verification.VerifySdJwtVcAsync(credentials[i], holders[i]);
            result.Errors.Should().BeEmpty();
            result.Claims!["given_name"]!.GetValue<string>().Should().Be("Jonas");
        }

        using var api = Factory.CreateApiClient();
        var listing = JsonNode.Parse(await api.GetStringAsync($"/api/persons/{ManualCheck}/credentials"))!.AsArray();
        listing.Should().HaveCount(2, "the delivered credentials are recorded as the Credential Endpoint records them");
        var audit = await api.GetStringAsync("/api/audit?action=" + AuditActions.DeferredIssuanceCompleted);
        audit.Should().Contain(AuditActions.DeferredIssuanceCompleted);
    }

    [Fact]
    public async Task Transaction_id_is_invalidated_after_delivery_9_1()
    {
        var (wallet, transactionId) = await DeferredAsync();
        await DecideAsync("complete");
        (await wallet.PollDeferredAsync(transactionId)).StatusCode.Should().Be(HttpStatusCode.OK);

        var again = await wallet.PollDeferredAsync(transactionId);

        await ShouldFailAsync(again, OpenId4VciErrors.InvalidTransactionId);
    }

    [Fact]
    public async Task Refused_by_the_agency_is_credential_request_denied_on_every_poll_9_3()
    {
        var (wallet, transactionId) = await DeferredAsync();
        await DecideAsync("refuse");

        await ShouldFailAsync(await wallet.PollDeferredAsync(transactionId), OpenId4VciErrors.CredentialRequestDenied);
        await ShouldFailAsync(await wallet.PollDeferredAsync(transactionId), OpenId4VciErrors.CredentialRequestDenied);
    }

    [Fact]
    public async Task Unknown_transaction_id_is_invalid_transaction_id_9_3()
    {
        var (wallet, _) = await DeferredAsync();

        await ShouldFailAsync(await wallet.PollDeferredAsync("not-one-we-issued"), OpenId4VciErrors.InvalidTransactionId);
    }

    [Fact]
    public async Task Transaction_id_polled_with_another_wallets_token_is_invalid_transaction_id_and_stays_collectable_9_3()
    {
        var (owner, transactionId) = await DeferredAsync();
        await DecideAsync("complete");
        var other = await AuthorizedWalletAsync(ManualCheck);

        await ShouldFailAsync(await other.PollDeferredAsync(transactionId), OpenId4VciErrors.InvalidTransactionId);

        (await owner.PollDeferredAsync(transactionId)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Concurrent_polls_deliver_the_credentials_once_9_1()
    {
        var (wallet, transactionId) = await DeferredAsync();
        await DecideAsync("complete");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => wallet.PollDeferredAsync(transactionId)));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(1);
        foreach (var lost in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            (await TestWallet.ErrorAsync(lost)).Should().Be(OpenId4VciErrors.InvalidTransactionId);
        }

        using var api = Factory.CreateApiClient();
        JsonNode.Parse(await api.GetStringAsync($"/api/persons/{ManualCheck}/credentials"))!.AsArray().Should().HaveCount(1);
    }

    [Theory]
    [InlineData("{}", OpenId4VciErrors.InvalidCredentialRequest)]
    [InlineData("""{"transaction_id":42}""", OpenId4VciErrors.InvalidCredentialRequest)]
    [InlineData("""{"transaction_id":"x","transaction_id":"y"}""", OpenId4VciErrors.InvalidCredentialRequest)]
    [InlineData("""{"transaction_id":"x","credential_response_encryption":{}}""", OpenId4VciErrors.InvalidEncryptionParameters)]
    public async Task Malformed_deferred_credential_request_is_refused_9_1(string body, string error)
    {
        var (wallet, _) = await DeferredAsync();

        await ShouldFailAsync(await wallet.PollDeferredAsync(null, body), error);
    }

    [Fact]
    public async Task Poll_without_a_valid_access_token_is_invalid_token_9_1()
    {
        var (wallet, transactionId) = await DeferredAsync();
        wallet.UseToken(wallet.DpopKey, "not-a-token", wallet.DpopNonce!);

        var response = await wallet.PollDeferredAsync(transactionId);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain(OAuthErrors.InvalidToken);
    }

    [Fact]
    public async Task Agency_lists_pending_issuances_without_claim_values_and_decides_each_once()
    {
        await DeferredAsync();
        using var api = Factory.CreateApiClient();

        var text = await api.GetStringAsync("/api/deferred-issuances");
        var pending = JsonNode.Parse(text)!.AsArray();
        pending.Should().ContainSingle();
        pending[0]!["personId"]!.GetValue<string>().Should().Be(ManualCheck);
        pending[0]!["credentials"]!.GetValue<int>().Should().Be(1);
        text.Should().NotContain("Jonas").And.NotContain("Berg");
        var id = pending[0]!["deferredId"]!.GetValue<string>();

        (await api.PostAsync($"/api/deferred-issuances/{id}/refuse", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await api.PostAsync($"/api/deferred-issuances/{id}/complete", null)).StatusCode.Should().Be(HttpStatusCode.NotFound, "a decided issuance is no longer pending");
        (await api.PostAsync("/api/deferred-issuances/unknown/complete", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        JsonNode.Parse(await api.GetStringAsync("/api/deferred-issuances"))!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Agency_deferred_issuance_api_requires_an_api_key()
    {
        (await Http.GetAsync("/api/deferred-issuances")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Http.PostAsync("/api/deferred-issuances/x/complete", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Wallet_client_polls_until_the_agency_completes_and_stores_the_credentials_9_2()
    {
        var store = new InMemoryCredentialStore();
        var client = new OpenId4VciClient(Http, new WalletClientOptions { TimeProvider = Clock }, store);
        var offer = await CreateOfferAsync(new { personId = ManualCheck, credentialConfigurationIds = new[] { MdocConfiguration } });
        var session = await client.RedeemPreAuthorizedCodeAsync(await client.ResolveOfferAsync(offer["offerUri"]!.GetValue<string>()), txCode: null);

        var request = client.RequestCredentialsAsync(session, MdocConfiguration);
        await WaitForPendingAsync();
        await DecideAsync("complete");
        var issued = await AdvanceUntilDoneAsync(request);

        issued.Should().ContainSingle();
        store.Credentials.Should().ContainSingle();
    }

    [Fact]
    public async Task Wallet_client_stops_polling_when_refused_with_credential_request_denied_9_3()
    {
        var store = new InMemoryCredentialStore();
        var client = new OpenId4VciClient(Http, new WalletClientOptions { TimeProvider = Clock }, store);
        var offer = await CreateOfferAsync(new { personId = ManualCheck, credentialConfigurationIds = new[] { SdJwtConfiguration } });
        var session = await client.RedeemPreAuthorizedCodeAsync(await client.ResolveOfferAsync(offer["offerUri"]!.GetValue<string>()), txCode: null);

        var request = client.RequestCredentialsAsync(session, SdJwtConfiguration);
        await WaitForPendingAsync();
        await DecideAsync("refuse");
        var act = () => AdvanceUntilDoneAsync(request);

        (await act.Should().ThrowAsync<WalletFlowException>()).Which.Error.Error.Should().Be(OpenId4VciErrors.CredentialRequestDenied);
        store.Credentials.Should().BeEmpty();
    }

    [Fact]
    public async Task Wallet_client_gives_up_after_its_maximum_wait_9_2()
    {
        var client = new OpenId4VciClient(Http, new WalletClientOptions { TimeProvider = Clock, MaxDeferredWait = TimeSpan.FromSeconds(3) }, new InMemoryCredentialStore());
        var offer = await CreateOfferAsync(new { personId = ManualCheck, credentialConfigurationIds = new[] { SdJwtConfiguration } });
        var session = await client.RedeemPreAuthorizedCodeAsync(await client.ResolveOfferAsync(offer["offerUri"]!.GetValue<string>()), txCode: null);

        var act = () => AdvanceUntilDoneAsync(client.RequestCredentialsAsync(session, SdJwtConfiguration));

        (await act.Should().ThrowAsync<WalletFlowException>()).Which.Error.Error.Should().Be(WalletClientErrors.DeferredTimeout);
    }

    private async Task<(TestWallet Wallet, string TransactionId)> DeferredAsync(SigningKey[]? holders = null)
    {
        var wallet = await AuthorizedWalletAsync(ManualCheck);
        var response = await wallet.RequestCredentialsAsync(SdJwtConfiguration, holders ?? Keys(1));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, text);
        return (wallet, JsonNode.Parse(text)!["transaction_id"]!.GetValue<string>());
    }

    private async Task DecideAsync(string action)
    {
        using var api = Factory.CreateApiClient();
        foreach (var pending in JsonNode.Parse(await api.GetStringAsync("/api/deferred-issuances"))!.AsArray())
        {
            var response = await api.PostAsync($"/api/deferred-issuances/{pending!["deferredId"]!.GetValue<string>()}/{action}", null);
            response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }
    }

    private async Task WaitForPendingAsync()
    {
        using var api = Factory.CreateApiClient();
        for (var i = 0; i < 200; i++)
        {
            if (JsonNode.Parse(await api.GetStringAsync("/api/deferred-issuances"))!.AsArray().Count > 0)
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The wallet's Credential Request never became a pending deferred issuance.");
    }

    // The client waits the interval on the test clock: move it a second at a time (short spans, see the common rules).
    private async Task<T> AdvanceUntilDoneAsync<T>(Task<T> task)
    {
        for (var i = 0; i < 400 && !task.IsCompleted; i++)
        {
            await Task.Delay(25);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        return await task;
    }

    private static async Task ShouldFailAsync(HttpResponseMessage response, string error)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        (await TestWallet.ErrorAsync(response)).Should().Be(error);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }
}
