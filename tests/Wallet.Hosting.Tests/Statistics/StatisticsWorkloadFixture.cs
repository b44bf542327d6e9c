using System.Net;
using System.Text.Json.Nodes;
using Wallet.Client;
using Wallet.Core.Trust;

namespace Wallet.Hosting.Tests.Statistics;

/// <summary>
/// The scripted workload of the statistics tests, run once against the embedded agency host with Wallet.Client as the
/// wallet: 2 offers, 2 issuances (one of 1 credential, one batch of 2), 2 refused credential requests; 3 presentation
/// requests, 2 verified (one disclosing the birth date), 1 declined by the wallet.
/// </summary>
public sealed class StatisticsWorkloadFixture : IAsyncLifetime
{
    public const string SdJwtConfiguration = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    private const string NamesQuery = """{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["urn:eudi:pid:1"]},"claims":[{"path":["given_name"]},{"path":["family_name"]}]}]}""";
    private const string BirthDateQuery = """{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["urn:eudi:pid:1"]},"claims":[{"path":["birthdate"]}]}]}""";

    public AgencyHost Host { get; private set; } = null!;

    /// <summary>Both services' telemetry, on for the whole workload (spans, metrics, logs).</summary>
    public Telemetry.TelemetryCapture Telemetry { get; } = new();

    /// <summary>The secrets of the workload: access tokens, authorization codes, nonces, states, offer and transaction ids, the password.</summary>
    public List<string> Secrets { get; } = [AgencyLogin.Password];

    /// <summary>What the wallet received and disclosed: every claim value of the person, and the credentials themselves.</summary>
    public List<string> PersonalValues { get; } = [];

    public async Task InitializeAsync()
    {
        Host = await AgencyHost.StartAsync(telemetry: Telemetry);
        var options = new WalletClientOptions
        {
            VerifierTrust = new X509ChainValidator(TrustAnchorStore.FromCertificates([Host.VerifierRequestSigningRoot], name: "agency verifier")),
        };
        var store = new InMemoryCredentialStore();
        var wallet = new OpenId4VciClient(Host.Http, options, store);

        foreach (var batch in new[] { 1, 2 })
        {
            var offer = await Host.PostApiAsync("/pid/api/offers", new { personId = AgencyRegister.AdaId, credentialConfigurationIds = new[] { SdJwtConfiguration }, authorizationCode = true }, AgencyHost.IssuerApiKey);
            var resolved = await wallet.ResolveOfferAsync(offer["offerUri"]!.GetValue<string>());
            var userAgent = new RecordingUserAgent(new AgencyLoginUserAgent(Host.Http));
            var session = await wallet.AuthorizeAsync(resolved.Issuer, [SdJwtConfiguration], userAgent);
            Secrets.AddRange([session.AccessToken, userAgent.Code!, offer["offerId"]!.GetValue<string>()]);
            var issued = await wallet.RequestCredentialsAsync(session, SdJwtConfiguration, batch);
            PersonalValues.AddRange(issued.OfType<StoredSdJwtVc>().Select(c => c.Issued.ToString()!));
        }

        for (var i = 0; i < 2; i++)
        {
            using var refused = new HttpRequestMessage(HttpMethod.Post, "/pid/credential") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
            refused.Headers.TryAddWithoutValidation("Authorization", "DPoP not-a-token");
            using var response = await Host.Http.SendAsync(refused);
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var presenter = new OpenId4VpClient(Host.Http, options, store);
        foreach (var query in new[] { NamesQuery, BirthDateQuery })
        {
            var created = await CreatePresentationAsync(query, "direct_post.jwt");
            Secrets.Add(created["transactionId"]!.GetValue<string>());
            await presenter.RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());
            var result = await Host.GetApiAsync($"/api/presentations/{created["transactionId"]!.GetValue<string>()}", AgencyHost.VerifierApiKey);
            result["status"]!.GetValue<string>().Should().Be("verified", result.ToJsonString());
        }

        // The wallet declines the third request (OpenID4VP 1.0 §8.5 error response).
        var declined = await CreatePresentationAsync(NamesQuery, "direct_post");
        var request = await presenter.FetchRequestAsync(declined["authorizationRequestUri"]!.GetValue<string>());
        Secrets.AddRange([declined["transactionId"]!.GetValue<string>(), request.Nonce, request.State!]);
        using var answer = await Host.Http.PostAsync(request.ResponseUri, new FormUrlEncodedContent(new Dictionary<string, string> { ["error"] = "access_denied", ["state"] = request.State! }));
        answer.IsSuccessStatusCode.Should().BeTrue(await answer.Content.ReadAsStringAsync());

        var ada = AgencyRegister.Ada;
        PersonalValues.AddRange([AgencyRegister.AdaId, ada.GivenName, ada.FamilyName, ada.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ada.PersonalAdministrativeNumber!, ada.PlaceOfBirth.Locality!, ada.IssuingAuthority!]);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    private Task<JsonNode> CreatePresentationAsync(string query, string responseMode) =>
        Host.PostApiAsync("/api/presentations", new JsonObject { ["dcql_query"] = JsonNode.Parse(query), ["response_mode"] = responseMode }, AgencyHost.VerifierApiKey);

    /// <summary>The user's browser, remembering the authorization code it carried back to the wallet.</summary>
    private sealed class RecordingUserAgent(IAuthorizationUserAgent inner) : IAuthorizationUserAgent
    {
        public string? Code { get; private set; }

        public async Task<Uri> AuthorizeAsync(Uri authorizationUrl, Uri redirectUri, CancellationToken cancellationToken)
        {
            var back = await inner.AuthorizeAsync(authorizationUrl, redirectUri, cancellationToken);
            Code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(back.Query)["code"].Single();
            return back;
        }
    }
}
