using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Jose;

namespace Wallet.Issuer.Tests;

/// <summary>One issuer per test class; helpers to create offers and wallets that have redeemed them.</summary>
public abstract class IssuerTestBase : IDisposable
{
    protected const string SdJwtConfiguration = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    protected const string MdocConfiguration = "eu.europa.ec.eudi.pid_mso_mdoc";

    protected IssuerTestBase(IDictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        Factory = new IssuerFactory(settings: settings, services: services);
        Http = Factory.CreateClient();
    }

    protected IssuerFactory Factory { get; }

    protected HttpClient Http { get; }

    protected FakeTimeProvider Clock => Factory.Clock;

    public void Dispose()
    {
        Http.Dispose();
        Factory.Dispose();
        GC.SuppressFinalize(this);
    }

    protected async Task<JsonNode> CreateOfferAsync(object body)
    {
        using var api = Factory.CreateApiClient();
        var response = await api.PostAsJsonAsync("/api/offers", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>A wallet holding an access token for an offer of <paramref name="personId"/>.</summary>
    protected async Task<TestWallet> AuthorizedWalletAsync(string personId = "kari-nordmann", string[]? configurations = null)
    {
        var offer = await CreateOfferAsync(new { personId, credentialConfigurationIds = configurations ?? [SdJwtConfiguration, MdocConfiguration] });
        var wallet = new TestWallet(Http, Clock);
        await wallet.ResolveOfferAsync(offer["offerUri"]!.GetValue<string>());
        var token = await wallet.RequestTokenAsync();
        token.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, await token.Content.ReadAsStringAsync());
        return wallet;
    }

    /// <summary>Pushes the smallest valid authorization request (PKCE S256, no attestation) and returns its <c>request_uri</c>.</summary>
    protected async Task<string> PushMinimalAuthorizationRequestAsync()
    {
        var form = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = "w",
            ["redirect_uri"] = "https://wallet.example/cb",
            ["code_challenge"] = Wallet.Core.OAuth.Pkce.ComputeChallenge(Wallet.Core.OAuth.Pkce.CreateVerifier()),
            ["code_challenge_method"] = "S256",
            ["scope"] = SdJwtConfiguration,
        };
        var pushed = JsonNode.Parse(await (await Http.PostAsync("/par", new FormUrlEncodedContent(form))).Content.ReadAsStringAsync())!;
        return pushed["request_uri"]!.GetValue<string>();
    }

    protected static SigningKey[] Keys(int count) => [.. Enumerable.Range(0, count).Select(_ => SigningKey.Generate())];
}
