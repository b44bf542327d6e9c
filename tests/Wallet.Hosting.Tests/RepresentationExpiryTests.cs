using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Wallet.Client;
using Wallet.Core.Mdoc;
using Wallet.Core.Representation;
using Wallet.Core.SdJwt;
using Wallet.Core.Trust;

namespace Wallet.Hosting.Tests;

/// <summary>
/// Issue 13 §1: a representation that was valid when issued and has expired by the time it is presented. Issuer,
/// Verifier and wallet share one FakeTimeProvider that starts ten minutes before midnight UTC on the relation's last
/// effective day and is moved by minutes only (the services' purge timers tick every simulated minute).
/// </summary>
public sealed class RepresentationExpiryTests : IAsyncLifetime
{
    private const string PidSdJwt = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    private const string PorSdJwt = "eu.europa.ec.eudi.por_vc_sd_jwt";
    private const string PidMdoc = "eu.europa.ec.eudi.pid_mso_mdoc";
    private const string PorMdoc = "eu.europa.ec.eudi.por_mso_mdoc";

    // Tomorrow, so the development certificates (valid from an hour before the real now) are already valid.
    private static readonly DateOnly LastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(LastDay.ToDateTime(new TimeOnly(23, 50)), TimeSpan.Zero));
    private AgencyHost _host = null!;

    public async Task InitializeAsync() => _host = await AgencyHost.StartAsync(defaultRegister: true, time: _clock);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private WalletClientOptions WalletOptions() => new()
    {
        VerifierTrust = new X509ChainValidator(TrustAnchorStore.FromCertificates([_host.VerifierRequestSigningRoot], name: "agency verifier")),
        TimeProvider = _clock,
    };

    private async Task RedeemAsync(InMemoryCredentialStore store, string offerPath, object body, string configuration)
    {
        var offer = await _host.PostApiAsync(offerPath, body, AgencyHost.IssuerApiKey);
        var issuance = new OpenId4VciClient(_host.Http, WalletOptions(), store);
        var resolved = await issuance.ResolveOfferAsync(offer["offerUri"]!.GetValue<string>());
        var session = await issuance.RedeemPreAuthorizedCodeAsync(resolved, txCode: null);
        await issuance.RequestCredentialsAsync(session, configuration, 1);
    }

    private async Task<InMemoryCredentialStore> WalletWithPowerEndingTodayAsync(string pidConfiguration, string porConfiguration)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/pid/api/representations")
        {
            Content = JsonContent.Create(new { nature = RepresentationNatures.PowerOfAttorney, representativePersonId = "kari-nordmann", representedPersonId = "amina-haddad", fullPowers = true, effectiveFrom = LastDay.AddDays(-30), effectiveUntil = LastDay }),
        };
        request.Headers.Add("X-API-Key", AgencyHost.IssuerApiKey);
        using var created = await _host.Http.SendAsync(request);
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["representationId"]!.GetValue<string>();

        var store = new InMemoryCredentialStore();
        await RedeemAsync(store, "/pid/api/offers", new { personId = "kari-nordmann", credentialConfigurationIds = new[] { pidConfiguration } }, pidConfiguration);
        await RedeemAsync(store, $"/pid/api/representations/{id}/offers", new { credentialConfigurationIds = new[] { porConfiguration } }, porConfiguration);
        return store;
    }

    private async Task<JsonNode> CheckAsync(InMemoryCredentialStore store)
    {
        var created = await _host.PostApiAsync("/api/representation-checks", new { service_id = "tax-return" }, AgencyHost.VerifierApiKey);
        await new OpenId4VpClient(_host.Http, WalletOptions(), store).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());
        return await _host.GetApiAsync($"/api/representation-checks/{created["transactionId"]!.GetValue<string>()}", AgencyHost.VerifierApiKey);
    }

    private void CrossMidnight()
    {
        // 20 simulated minutes, one at a time, so each purge tick runs as it would: 00:10 on the day after the last day,
        // past the credential's expiry (midnight) by more than the verifier's clock skew (SD-JWT 60 s, mdoc 5 min).
        for (var i = 0; i < 20; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    private static IEnumerable<string> Codes(JsonNode answer) => answer["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>());

    [Theory]
    [InlineData(PidSdJwt, PorSdJwt, SdJwtErrorCodes.Expired)]
    [InlineData(PidMdoc, PorMdoc, MdocErrorCodes.Expired)]
    public async Task Representation_valid_at_issuance_and_expired_at_presentation_is_refused_with_representation_expired(string pid, string representation, string credentialCode)
    {
        var store = await WalletWithPowerEndingTodayAsync(pid, representation);

        var onTheLastDay = await CheckAsync(store);
        CrossMidnight();
        var afterIt = await CheckAsync(store);

        onTheLastDay["accepted"]!.GetValue<bool>().Should().BeTrue(onTheLastDay.ToJsonString());
        afterIt["accepted"]!.GetValue<bool>().Should().BeFalse();
        Codes(afterIt).Should().StartWith(RepresentationErrorCodes.Expired).And.Contain(credentialCode);
    }
}
