using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;

namespace Wallet.Issuer.Tests;

/// <summary>
/// A wallet written on Wallet.Core's holder side only: parses the offer link and offer, reads the issuer and
/// authorization server metadata, obtains a DPoP-bound access token (answering the server's DPoP nonce challenge),
/// fetches a c_nonce and requests credentials with one key proof per holder key.
/// </summary>
public sealed class TestWallet(HttpClient http, TimeProvider clock)
{
    public SigningKey DpopKey { get; private set; } = SigningKey.Generate();

    public string? DpopNonce { get; private set; }

    public CredentialOffer? Offer { get; private set; }

    public CredentialIssuerMetadata? Metadata { get; private set; }

    public Uri? TokenEndpoint { get; private set; }

    public string? AccessToken { get; private set; }

    /// <summary>The Wallet Attestation (signed by the wallet provider) and the instance key it binds, when the wallet authenticates.</summary>
    public (string Attestation, SigningKey InstanceKey)? Attestation { get; set; }

    /// <summary>The <c>client_id</c> sent in the token request, when set.</summary>
    public string? ClientId { get; set; }

    /// <summary>Takes over the DPoP key, token and offer of <paramref name="other"/> (the same wallet after the server restarted).</summary>
    public void AdoptTokenOf(TestWallet other)
    {
        DpopKey = other.DpopKey;
        AccessToken = other.AccessToken;
        Offer = other.Offer;
    }

    /// <summary>Uses a token obtained outside this wallet (authorization code flow) with its DPoP key and the last server nonce.</summary>
    public void UseToken(SigningKey dpopKey, string accessToken, string dpopNonce)
    {
        DpopKey = dpopKey;
        AccessToken = accessToken;
        DpopNonce = dpopNonce;
    }

    /// <summary>Uses the offer of <paramref name="other"/> (to redeem a code another wallet failed to redeem).</summary>
    public void AdoptOfferOf(TestWallet other) => Offer = other.Offer;

    public async Task<CredentialOffer> ResolveOfferAsync(string offerLink)
    {
        CredentialOfferLink.TryParse(offerLink, OpenId4VciLimits.Default, out var link, out var error).Should().BeTrue(error?.ToString());
        var offer = link!.Offer;
        if (offer is null)
        {
            var response = await http.GetAsync(link.OfferUri);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
            CredentialOffer.TryParse(await response.Content.ReadAsStringAsync(), OpenId4VciLimits.Default, out offer, out error).Should().BeTrue(error?.ToString());
        }

        Offer = offer;

        var issuer = offer!.CredentialIssuer;
        var metadataJson = await http.GetStringAsync(WellKnown(issuer, "openid-credential-issuer"));
        CredentialIssuerMetadata.TryParse(metadataJson, issuer, OpenId4VciLimits.Default, out var metadata, out error).Should().BeTrue(error?.ToString());
        Metadata = metadata;
        var authorizationServer = JsonNode.Parse(await http.GetStringAsync(WellKnown(issuer, "oauth-authorization-server")))!;
        authorizationServer["issuer"]!.GetValue<string>().Should().Be(issuer);
        TokenEndpoint = new Uri(authorizationServer["token_endpoint"]!.GetValue<string>());
        return offer;
    }

    /// <summary>Redeems the pre-authorized code; retries once when the server asks for a DPoP nonce (RFC 9449 §8).</summary>
    public async Task<HttpResponseMessage> RequestTokenAsync(string? txCode = null, string? code = null)
    {
        var response = await SendTokenRequestAsync(txCode, code);
        if (response.StatusCode == HttpStatusCode.BadRequest && (await ErrorAsync(response)) == OAuthErrors.UseDpopNonce)
        {
            response = await SendTokenRequestAsync(txCode, code);
        }

        if (response.IsSuccessStatusCode)
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            AccessToken = body["access_token"]!.GetValue<string>();
        }

        return response;
    }

    /// <summary>Redeems an authorization code with PKCE and a DPoP key (answering the nonce challenge); keeps the token.</summary>
    public async Task<HttpResponseMessage> RequestAuthorizationCodeTokenAsync(SigningKey dpopKey, string code, string redirectUri, string codeVerifier, string clientId)
    {
        DpopKey = dpopKey;
        async Task<HttpResponseMessage> Send()
        {
            var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri, ["code_verifier"] = codeVerifier, ["client_id"] = clientId };
            using var request = new HttpRequestMessage(HttpMethod.Post, TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add(DpopProof.HeaderName, DpopProof.Create(DpopKey, "POST", TokenEndpoint!, clock.GetUtcNow(), DpopNonce));
            var sent = await http.SendAsync(request);
            Remember(sent);
            return sent;
        }

        var response = await Send();
        if (response.StatusCode == HttpStatusCode.BadRequest && (await ErrorAsync(response)) == OAuthErrors.UseDpopNonce)
        {
            response = await Send();
        }

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        AccessToken = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        return response;
    }

    public async Task<HttpResponseMessage> SendTokenRequestAsync(string? txCode = null, string? code = null, string? dpopProof = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = PreAuthorizedCodeGrant.GrantType, ["pre-authorized_code"] = code ?? Offer!.PreAuthorizedCode!.PreAuthorizedCode };
        if (txCode is not null)
        {
            form["tx_code"] = txCode;
        }

        if (ClientId is not null)
        {
            form["client_id"] = ClientId;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        if (Attestation is { } attestation)
        {
            request.Headers.Add(ClientAttestation.HeaderName, attestation.Attestation);
            request.Headers.Add(ClientAttestation.PopHeaderName, ClientAttestation.CreatePop(attestation.InstanceKey, Offer!.CredentialIssuer, clock.GetUtcNow()));
        }

        request.Headers.Add(DpopProof.HeaderName, dpopProof ?? DpopProof.Create(DpopKey, "POST", TokenEndpoint!, clock.GetUtcNow(), DpopNonce));
        var response = await http.SendAsync(request);
        Remember(response);
        return response;
    }

    public async Task<string> FetchCNonceAsync()
    {
        var response = await http.PostAsync(Metadata!.NonceEndpoint, null);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue("OpenID4VCI 1.0 §7.2");
        Remember(response);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["c_nonce"]!.GetValue<string>();
    }

    /// <summary>Requests credentials of <paramref name="configurationId"/> for <paramref name="holderKeys"/> (one proof each).</summary>
    public async Task<HttpResponseMessage> RequestCredentialsAsync(string configurationId, IReadOnlyList<SigningKey> holderKeys, string? cNonce = null)
    {
        var nonce = cNonce ?? await FetchCNonceAsync();
        var proofs = new JsonArray(holderKeys.Select(k => (JsonNode)KeyProof.Create(k, Offer!.CredentialIssuer, clock.GetUtcNow(), nonce)).ToArray());
        var body = new JsonObject { ["credential_configuration_id"] = configurationId, ["proofs"] = new JsonObject { ["jwt"] = proofs } };
        return await SendCredentialRequestAsync(body.ToJsonString());
    }

    public async Task<HttpResponseMessage> SendCredentialRequestAsync(string body, string? dpopProof = null, string? authorization = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Metadata!.CredentialEndpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.TryAddWithoutValidation("Authorization", authorization ?? $"DPoP {AccessToken}");
        request.Headers.Add(DpopProof.HeaderName, dpopProof ?? DpopProof.Create(DpopKey, "POST", Metadata.CredentialEndpoint, clock.GetUtcNow(), DpopNonce, AccessToken));
        var response = await http.SendAsync(request);
        Remember(response);
        return response;
    }

    /// <summary>Polls the Deferred Credential Endpoint (OpenID4VCI 1.0 §9.1) with <paramref name="transactionId"/>, or sends <paramref name="body"/> as it is.</summary>
    public async Task<HttpResponseMessage> PollDeferredAsync(string? transactionId, string? body = null)
    {
        var endpoint = Metadata!.DeferredCredentialEndpoint!;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body ?? new JsonObject { ["transaction_id"] = transactionId }.ToJsonString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", $"DPoP {AccessToken}");
        request.Headers.Add(DpopProof.HeaderName, DpopProof.Create(DpopKey, "POST", endpoint, clock.GetUtcNow(), DpopNonce, AccessToken));
        var response = await http.SendAsync(request);
        Remember(response);
        return response;
    }

    public static async Task<IReadOnlyList<string>> CredentialsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!["credentials"]!.AsArray().Select(c => c!["credential"]!.GetValue<string>()).ToList();
    }

    public static async Task<string?> ErrorAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonNode.Parse(text)?["error"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private void Remember(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues(DpopProof.NonceHeaderName, out var values))
        {
            DpopNonce = values.Single();
        }
    }

    private static Uri WellKnown(string issuer, string name)
    {
        var uri = new Uri(issuer);
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/.well-known/" + name + uri.AbsolutePath.TrimEnd('/'));
    }
}
