using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Wallet.Core.Json;
using Wallet.Core.StatusList;
using Wallet.Hosting;
using Wallet.Issuer.Options;
using Wallet.Issuer.Protocol;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Endpoints;

/// <summary>The agency API under <c>/api</c>: API key in <c>X-API-Key</c>, errors as RFC 9457 problem details.</summary>
internal static class AgencyApiEndpoints
{
    public const string ApiKeyHeader = "X-API-Key";

    /// <summary>The OpenAPI document (and endpoint group) the agency API is described in.</summary>
    public const string OpenApiDocument = "agency";
    private const int MaxRequestBytes = 64 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

    public static void Map(IEndpointRouteBuilder routes, IssuerEndpoints endpoints)
    {
        routes.MapPost(endpoints.BasePath + "/api/offers", async (HttpContext context, OfferService offers, AuditRecorder audit, IOptions<IssuerOptions> options, CancellationToken cancellationToken) =>
        {
            if (AuthorizedKey(context, options.Value) is not { } keyName)
            {
                return Results.Problem(statusCode: 401, title: "A valid API key is required in the X-API-Key header.");
            }

            var body = await context.Request.ReadBoundedBodyAsync(MaxRequestBytes, cancellationToken).ConfigureAwait(false);
            if (body.IsTooLarge)
            {
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The body exceeds {MaxRequestBytes} bytes.");
            }

            CreateOfferRequest? request = null;
            if (StrictJson.TryParse(body.Bytes, 16, allowDuplicateProperties: false, out var document, out _))
            {
                using (document)
                {
                    try
                    {
                        // Deserialized from the checked document, so the inline claims hold only valid strings.
                        request = document.RootElement.Deserialize<CreateOfferRequest>(Json);
                    }
                    catch (JsonException)
                    {
                        request = null;
                    }
                }
            }

            if (request is null)
            {
                return Results.Problem(statusCode: 400, title: "The body must be a JSON object with credentialConfigurationIds, personId or claims, and txCode.");
            }

            var (offer, problems) = await offers.CreateAsync(request, cancellationToken).ConfigureAwait(false);
            if (offer is null)
            {
                return Results.ValidationProblem(problems!);
            }

            await audit.OfferCreatedAsync(keyName, offer.OfferId, cancellationToken).ConfigureAwait(false);
            return Results.Created(endpoints.Offer(offer.OfferId), offer);
        })
            .DisableAntiforgery()
            .WithSummary("Create a Credential Offer for a person of the authentic source or for inline PID claims; served by reference.")
            .Accepts<CreateOfferRequest>("application/json")
            .Produces<CreatedOffer>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        foreach (var (action, status) in new[] { ("revoke", TokenStatus.Invalid), ("suspend", TokenStatus.Suspended), ("unsuspend", TokenStatus.Valid) })
        {
            routes.MapPost(endpoints.BasePath + "/api/credentials/{id}/" + action, async (string id, HttpContext context, CredentialStatusService service, AuditRecorder audit, IOptions<IssuerOptions> options, CancellationToken cancellationToken) =>
            {
                if (AuthorizedKey(context, options.Value) is not { } keyName)
                {
                    return Results.Problem(statusCode: 401, title: "A valid API key is required in the X-API-Key header.");
                }

                var result = await service.SetAsync(id, status, cancellationToken).ConfigureAwait(false);
                if (result is { Succeeded: true })
                {
                    await audit.StatusSetAsync(keyName, id, status, cancellationToken).ConfigureAwait(false);
                }

                return result switch
                {
                    null => Results.Problem(statusCode: 404, title: "No credential with this id was issued."),
                    { Succeeded: true } => Results.NoContent(),
                    _ => Results.Problem(statusCode: 409, title: "The status cannot be changed.", detail: result.Error!.Message),
                };
            })
                .DisableAntiforgery()
                .WithSummary($"Set the status-list entry of an issued credential ({action}).")
                .Produces(StatusCodes.Status204NoContent)
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
        }

        routes.MapGet(endpoints.BasePath + "/api/persons/{personId}/credentials", async (string personId, HttpContext context, CredentialStatusService service, IOptions<IssuerOptions> options, CancellationToken cancellationToken) =>
        {
            if (AuthorizedKey(context, options.Value) is null)
            {
                return Results.Problem(statusCode: 401, title: "A valid API key is required in the X-API-Key header.");
            }

            // Metadata only: identifiers, configuration, status entry, times and the wallet's last notification (OpenID4VCI
            // 1.0 Sec. 11) — never claim values.
            var records = await service.ListAsync(personId, cancellationToken).ConfigureAwait(false);
            return Results.Ok(records.Select(r => new { credentialId = r.CredentialId, credentialConfigurationId = r.ConfigurationId, statusList = r.StatusListUri, statusIndex = r.StatusIndex, issuedAt = r.IssuedAt, expiresAt = r.ExpiresAt, notificationEvent = r.NotificationEvent, notifiedAt = r.NotifiedAt }));
        })
            .WithSummary("List what was issued for a person: identifiers, configuration, status-list entry and times, never claim values.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        routes.MapGet(endpoints.BasePath + "/api/persons/{personId}/grants", async (string personId, HttpContext context, IRefreshTokenStore grants, TimeProvider clock, IOptions<IssuerOptions> options, CancellationToken cancellationToken) =>
        {
            if (AuthorizedKey(context, options.Value) is null)
            {
                return Results.Problem(statusCode: 401, title: "A valid API key is required in the X-API-Key header.");
            }

            // The grant, the wallet (client) and the times; never the token, its hash or the DPoP key.
            var live = await grants.ListActiveAsync(personId, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return Results.Ok(live.Select(g => new { grantId = g.FamilyId, clientId = g.ClientId, credentialConfigurationIds = g.ConfigurationIds, grantedAt = g.GrantedAt, lastRefreshedAt = g.IssuedAt, expiresAt = g.ExpiresAt }));
        })
            .WithSummary("List a person's live refresh grants (re-issuance without the person, ARF ISSU_42): grant id, client, configurations and times.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        routes.MapPost(endpoints.BasePath + "/api/persons/{personId}/grants/revoke", async (string personId, HttpContext context, IRefreshTokenStore grants, TimeProvider clock, IOptions<IssuerOptions> options, CancellationToken cancellationToken) =>
        {
            if (AuthorizedKey(context, options.Value) is null)
            {
                return Results.Problem(statusCode: 401, title: "A valid API key is required in the X-API-Key header.");
            }

            // Consent withdrawn: every refresh token of the person stops working at once; issued credentials keep their
            // status (revoke them with /api/credentials/{id}/revoke if that is wanted too).
            var revoked = await grants.RevokeForPersonAsync(personId, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return Results.Ok(new { revokedGrants = revoked });
        })
            .DisableAntiforgery()
            .WithSummary("Revoke all refresh grants of a person (consent withdrawn); the wallet must then start a new authorization.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        // Deferred issuance (OpenID4VCI 1.0 §9): what waits for a decision — identifiers, configuration and times, never
        // claim values — and the decision.
        routes.MapGet(endpoints.BasePath + "/api/deferred-issuances", async (HttpContext context, DeferredIssuanceService service, IOptions<IssuerOptions> options, CancellationToken cancellationToken) =>
        {
            if (AuthorizedKey(context, options.Value) is null)
            {
                return Results.Problem(statusCode: 401, title: "A valid API key is required in the X-API-Key header.");
            }

            var pending = await service.ListPendingAsync(cancellationToken).ConfigureAwait(false);
            return Results.Ok(pending.Select(d => new { deferredId = d.DeferredId, credentialConfigurationId = d.ConfigurationId, personId = d.PersonId, offerId = d.OfferId, credentials = d.HolderKeys.Count, createdAt = d.CreatedAt, expiresAt = d.ExpiresAt }));
        })
            .WithSummary("List the pending deferred issuances (OpenID4VCI 1.0 Sec. 9), oldest first: identifiers, configuration and times, never claim values.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        foreach (var (action, complete) in new[] { ("complete", true), ("refuse", false) })
        {
            routes.MapPost(endpoints.BasePath + "/api/deferred-issuances/{id}/" + action, async (string id, HttpContext context, DeferredIssuanceService service, IOptions<IssuerOptions> options, CancellationToken cancellationToken) =>
            {
                if (AuthorizedKey(context, options.Value) is not { } keyName)
                {
                    return Results.Problem(statusCode: 401, title: "A valid API key is required in the X-API-Key header.");
                }

                return await service.DecideAsync(keyName, id, complete, cancellationToken).ConfigureAwait(false)
                    ? Results.NoContent()
                    : Results.Problem(statusCode: 404, title: "No pending deferred issuance with this id (unknown, expired or already decided).");
            })
                .DisableAntiforgery()
                .WithSummary(complete
                    ? "Complete a pending deferred issuance: the Wallet's next poll receives the credentials, issued from the register as it is then."
                    : "Refuse a pending deferred issuance: the Wallet's polls are answered credential_request_denied.")
                .Produces(StatusCodes.Status204NoContent)
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status404NotFound);
        }

        AuditEndpoint.Map(routes, endpoints);
    }

    /// <summary>The name of the configured key presented in <c>X-API-Key</c>, or null when none matches.</summary>
    internal static string? AuthorizedKey(HttpContext context, IssuerOptions options)
    {
        var presented = context.Request.Headers[ApiKeyHeader];
        if (presented.Count != 1 || string.IsNullOrEmpty(presented[0]) || presented[0]!.Length > 512)
        {
            return null;
        }

        var hash = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(presented[0]!))));
        string? match = null;
        foreach (var key in options.ApiKeys)
        {
            // Every configured key is compared, in constant time, so timing reveals neither which nor whether one matched early.
            if (CryptographicOperations.FixedTimeEquals(hash, Encoding.ASCII.GetBytes(key.Sha256)))
            {
                match ??= key.Name;
            }
        }

        return match;
    }
}
