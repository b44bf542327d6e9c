using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Wallet.Client;
using Wallet.Core.Json;

namespace Wallet.Cli.Demo;

/// <summary>The agency API of the issuer and the relying-party API of the verifier, as the demo calls them.</summary>
internal sealed class DemoApis(HttpClient http, DemoServices services)
{
    public const string AgencyOfferStep = "agency-offer";
    public const string RelyingPartyRequestStep = "rp-request";
    public const string RelyingPartyResultStep = "rp-result";

    /// <summary><c>POST /api/offers</c>: an offer for <paramref name="personId"/> protected by a transaction code.</summary>
    public async Task<(string OfferUri, string TxCode)> CreateOfferAsync(string personId, IReadOnlyList<string> configurationIds, CancellationToken cancellationToken)
    {
        var json = await PostOfferAsync(personId, configurationIds, cancellationToken).ConfigureAwait(false);
        return (Required(AgencyOfferStep, json, "offerUri"), Required(AgencyOfferStep, json, "txCode"));
    }

    /// <summary><c>POST /api/offers</c>, returning the user-facing offer page (QR code and same-device link) and its transaction code.</summary>
    public async Task<(string OfferPageUrl, string TxCode)> CreateOfferPageAsync(string personId, IReadOnlyList<string> configurationIds, CancellationToken cancellationToken)
    {
        var json = await PostOfferAsync(personId, configurationIds, cancellationToken).ConfigureAwait(false);
        return (Required(AgencyOfferStep, json, "offerPageUrl"), Required(AgencyOfferStep, json, "txCode"));
    }

    private Task<JsonObject> PostOfferAsync(string personId, IReadOnlyList<string> configurationIds, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["credentialConfigurationIds"] = new JsonArray([.. configurationIds.Select(id => (JsonNode)id)]),
            ["personId"] = personId,
            ["txCode"] = true,
        };
        return SendAsync(AgencyOfferStep, HttpMethod.Post, new Uri(services.IssuerUrl, "/api/offers"), "X-API-Key", DemoServices.AgencyApiKey, body, HttpStatusCode.Created, cancellationToken);
    }

    /// <summary><c>POST /api/presentations</c>: a <c>direct_post.jwt</c> request for <paramref name="dcqlQuery"/>, same-device when <paramref name="redirectUri"/> is given.</summary>
    public async Task<(string TransactionId, string AuthorizationRequestUri)> CreatePresentationAsync(JsonObject dcqlQuery, Uri? redirectUri, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["dcql_query"] = dcqlQuery,
            ["response_mode"] = "direct_post.jwt",
            ["request_uri_method"] = "post",
        };
        if (redirectUri is not null)
        {
            body["redirect_uri"] = redirectUri.AbsoluteUri;
        }

        var json = await SendAsync(RelyingPartyRequestStep, HttpMethod.Post, new Uri(services.VerifierUrl, "/api/presentations"), "X-Api-Key", DemoServices.RelyingPartyApiKey, body, HttpStatusCode.Created, cancellationToken).ConfigureAwait(false);
        return (Required(RelyingPartyRequestStep, json, "transactionId"), Required(RelyingPartyRequestStep, json, "authorizationRequestUri"));
    }

    /// <summary><c>POST /api/representations/{id}/offers</c>: the Power of Representation (SD-JWT VC) of a register relation for the representative, with a transaction code.</summary>
    public async Task<(string OfferUri, string TxCode)> CreateRepresentationOfferAsync(string representationId, string configurationId, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["credentialConfigurationIds"] = new JsonArray(configurationId), ["txCode"] = true };
        var json = await SendAsync(AgencyOfferStep, HttpMethod.Post, new Uri(services.IssuerUrl, $"/api/representations/{Uri.EscapeDataString(representationId)}/offers"), "X-API-Key", DemoServices.AgencyApiKey, body, HttpStatusCode.Created, cancellationToken).ConfigureAwait(false);
        return (Required(AgencyOfferStep, json, "offerUri"), Required(AgencyOfferStep, json, "txCode"));
    }

    /// <summary><c>POST /api/representation-checks</c>: PID and representation together for <paramref name="serviceId"/>, acting for <paramref name="represented"/>.</summary>
    public async Task<(string TransactionId, string AuthorizationRequestUri)> CreateRepresentationCheckAsync(string serviceId, JsonObject represented, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["service_id"] = serviceId, ["represented"] = represented };
        var json = await SendAsync(RelyingPartyRequestStep, HttpMethod.Post, new Uri(services.VerifierUrl, "/api/representation-checks"), "X-Api-Key", DemoServices.RelyingPartyApiKey, body, HttpStatusCode.Created, cancellationToken).ConfigureAwait(false);
        return (Required(RelyingPartyRequestStep, json, "transactionId"), Required(RelyingPartyRequestStep, json, "authorizationRequestUri"));
    }

    /// <summary><c>GET /api/representation-checks/{id}</c>: "A acts for B with scope S" or the failed checks.</summary>
    public Task<JsonObject> GetRepresentationCheckAsync(string transactionId, CancellationToken cancellationToken) =>
        SendAsync(RelyingPartyResultStep, HttpMethod.Get, new Uri(services.VerifierUrl, $"/api/representation-checks/{Uri.EscapeDataString(transactionId)}"), "X-Api-Key", DemoServices.RelyingPartyApiKey, null, HttpStatusCode.OK, cancellationToken);

    /// <summary><c>POST /api/age-checks</c>: an age gate for <paramref name="age"/> (cross-device: no redirect).</summary>
    public async Task<(string TransactionId, string AuthorizationRequestUri)> CreateAgeCheckAsync(int age, CancellationToken cancellationToken)
    {
        var json = await SendAsync(RelyingPartyRequestStep, HttpMethod.Post, new Uri(services.VerifierUrl, "/api/age-checks"), "X-Api-Key", DemoServices.RelyingPartyApiKey, new JsonObject { ["age_over"] = age }, HttpStatusCode.Created, cancellationToken).ConfigureAwait(false);
        return (Required(RelyingPartyRequestStep, json, "transactionId"), Required(RelyingPartyRequestStep, json, "authorizationRequestUri"));
    }

    /// <summary><c>GET /api/age-checks/{id}</c>: yes or no.</summary>
    public Task<JsonObject> GetAgeCheckAsync(string transactionId, CancellationToken cancellationToken) =>
        SendAsync(RelyingPartyResultStep, HttpMethod.Get, new Uri(services.VerifierUrl, $"/api/age-checks/{Uri.EscapeDataString(transactionId)}"), "X-Api-Key", DemoServices.RelyingPartyApiKey, null, HttpStatusCode.OK, cancellationToken);

    /// <summary><c>GET /api/presentations/{id}?response_code=…</c>: the verified result.</summary>
    public Task<JsonObject> GetPresentationAsync(string transactionId, string? responseCode, CancellationToken cancellationToken)
    {
        var uri = new Uri(services.VerifierUrl, $"/api/presentations/{Uri.EscapeDataString(transactionId)}{(responseCode is null ? string.Empty : "?response_code=" + Uri.EscapeDataString(responseCode))}");
        return SendAsync(RelyingPartyResultStep, HttpMethod.Get, uri, "X-Api-Key", DemoServices.RelyingPartyApiKey, null, HttpStatusCode.OK, cancellationToken);
    }

    private async Task<JsonObject> SendAsync(string step, HttpMethod method, Uri uri, string keyHeader, string key, JsonObject? body, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Add(keyHeader, key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new WalletFlowException(new WalletFlowError(step, WalletClientErrors.Transport, e.Message), e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var json = StrictJson.TryParseNode(text, 64, allowDuplicateProperties: true, out var node, out _) ? node as JsonObject : null;

            if (response.StatusCode != expected || json is null)
            {
                // RFC 9457 problem details: the relying-party API lists coded errors, the agency API a title.
                var code = json?["errors"]?[0]?["code"]?.GetValue<string>() ?? WalletClientErrors.UnexpectedStatus;
                var detail = json?["detail"]?.GetValue<string>() ?? json?["title"]?.GetValue<string>() ?? string.Empty;
                throw new WalletFlowException(new WalletFlowError(step, code, detail, (int)response.StatusCode));
            }

            return json;
        }
    }

    private static string Required(string step, JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new WalletFlowException(new WalletFlowError(step, WalletClientErrors.InvalidResponse, $"The answer has no '{name}'."));
}
