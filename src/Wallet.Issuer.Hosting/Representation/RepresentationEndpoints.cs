using System.Text.Json;
using Microsoft.Extensions.Options;
using Wallet.Core.Json;
using Wallet.Core.Representation;
using Wallet.Core.Security;
using Wallet.Core.StatusList;
using Wallet.Hosting;
using Wallet.Issuer.Endpoints;
using Wallet.Issuer.Options;
using Wallet.Issuer.Pid;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Representation;

/// <summary>
/// The register's representation relations in the agency API (<c>/api/representations</c>, API key): register a relation,
/// offer its attestation to the representative's wallet, revoke it; and the represented person's withdrawal
/// (<c>/api/representations/{id}/withdrawal</c>), authenticated by the withdrawal code the register gave them, not by an API key.
/// </summary>
internal static class RepresentationEndpoints
{
    private const int MaxRequestBytes = 16 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

    /// <summary>Maps the agency's operations on <paramref name="agency"/> (API key, per-key limits) and the withdrawal on <paramref name="open"/>.</summary>
    public static void Map(IEndpointRouteBuilder agency, IEndpointRouteBuilder open, IssuerEndpoints endpoints)
    {
        var path = endpoints.BasePath + "/api/representations";
        agency.MapPost(path, CreateAsync)
            .DisableAntiforgery()
            .WithSummary("Register a representation relation (parental responsibility, power of attorney, legal person); answers with the represented person's withdrawal code, shown once.")
            .Accepts<CreateRepresentationRequest>("application/json")
            .Produces<CreatedRepresentation>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        agency.MapGet(path + "/{id}", GetAsync)
            .WithSummary("Read a relation: register identifiers, scope, dates and whether and by whom it was ended; no PID values.")
            .Produces<RepresentationView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        agency.MapPost(path + "/{id}/offers", OfferAsync)
            .DisableAntiforgery()
            .WithSummary("Create a Credential Offer of the relation's Power of Representation attestation (SD-JWT VC and/or mdoc) for the representative's wallet.")
            .Accepts<CreateRepresentationOfferRequest>("application/json")
            .Produces<CreatedOffer>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        agency.MapPost(path + "/{id}/revoke", RevokeAsync)
            .DisableAntiforgery()
            .WithSummary("End the relation for the agency: no further offers, and every attestation issued for it is revoked on the status list.")
            .Produces<EndedRepresentation>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        open.MapPost(path + "/{id}/withdrawal", WithdrawAsync)
            .DisableAntiforgery()
            .PerClient("representation-withdrawal", oauthError: false)
            .WithSummary("The represented person withdraws the power: authenticated by their withdrawal code (no API key); every attestation issued for it is revoked.")
            .Accepts<WithdrawRepresentationRequest>("application/json")
            .Produces<EndedRepresentation>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, RepresentationRegister register, IAuthenticSource persons, IOptions<IssuerOptions> options, CancellationToken cancellationToken)
    {
        if (AgencyApiEndpoints.AuthorizedKey(context, options.Value) is null)
        {
            return Unauthorized();
        }

        var (request, bad) = await ReadAsync<CreateRepresentationRequest>(context, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return bad!;
        }

        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Nature is not (RepresentationNatures.ParentalResponsibility or RepresentationNatures.PowerOfAttorney or RepresentationNatures.LegalPersonRepresentation))
        {
            problems["nature"] = [$"Must be '{RepresentationNatures.ParentalResponsibility}', '{RepresentationNatures.PowerOfAttorney}' or '{RepresentationNatures.LegalPersonRepresentation}'."];
        }

        if (request.RepresentativePersonId is not { Length: > 0 and <= 128 } representative || await persons.FindAsync(representative, cancellationToken).ConfigureAwait(false) is null)
        {
            problems["representativePersonId"] = ["No person with this identifier is known to the authentic source."];
        }

        var legal = request.LegalName is not null || request.LegalPersonIdentifier is not null;
        if (legal == (request.RepresentedPersonId is not null))
        {
            problems["representedPersonId"] = ["Give either representedPersonId (a natural person) or legalName and legalPersonIdentifier (a legal person)."];
        }
        else if (request.RepresentedPersonId is { } represented)
        {
            if (represented.Length > 128 || await persons.FindAsync(represented, cancellationToken).ConfigureAwait(false) is null)
            {
                problems["representedPersonId"] = ["No person with this identifier is known to the authentic source."];
            }
            else if (represented == request.RepresentativePersonId)
            {
                problems["representedPersonId"] = ["A person does not represent themself."];
            }
        }
        else if (request.LegalName is not { Length: > 0 and <= 256 } || request.LegalPersonIdentifier is not { Length: > 0 and <= 64 })
        {
            problems["legalName"] = ["A legal person needs legalName (up to 256 characters) and legalPersonIdentifier (up to 64)."];
        }

        var services = request.EServices ?? [];
        if (request.FullPowers == (services.Count > 0) || services.Any(s => s is not { Length: > 0 and <= 128 }) || services.Count > 32 || services.Distinct(StringComparer.Ordinal).Count() != services.Count)
        {
            problems["eServices"] = ["Give fullPowers true, or one to 32 distinct named services (eServices), not both."];
        }

        if (request.EffectiveFrom is not { } from)
        {
            problems["effectiveFrom"] = ["The first effective day is required (YYYY-MM-DD)."];
        }
        else if (request.EffectiveUntil is { } until && until < from)
        {
            problems["effectiveUntil"] = ["Must not be before effectiveFrom."];
        }

        if (problems.Count > 0)
        {
            return Results.ValidationProblem(problems);
        }

        var relation = new RepresentationRelation(RandomHandle.Create(16), request.Nature!, request.RepresentativePersonId!, request.RepresentedPersonId, request.LegalName, request.LegalPersonIdentifier, request.FullPowers, services, request.EffectiveFrom!.Value, request.EffectiveUntil, null, null);
        var (created, code) = await register.AddAsync(relation, cancellationToken).ConfigureAwait(false);
        return Results.Created(path(context, created.RepresentationId), new CreatedRepresentation(created.RepresentationId, code));

        static string path(HttpContext context, string id) => context.Request.PathBase + context.Request.Path + "/" + id;
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, RepresentationRegister register, IOptions<IssuerOptions> options, CancellationToken cancellationToken)
    {
        if (AgencyApiEndpoints.AuthorizedKey(context, options.Value) is null)
        {
            return Unauthorized();
        }

        return await register.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } relation ? Results.Ok(RepresentationView.Of(relation)) : NotFound();
    }

    private static async Task<IResult> OfferAsync(string id, HttpContext context, RepresentationRegister register, OfferService offers, AuditRecorder audit, IssuerEndpoints endpoints, TimeProvider time, IOptions<IssuerOptions> options, CancellationToken cancellationToken)
    {
        if (AgencyApiEndpoints.AuthorizedKey(context, options.Value) is not { } keyName)
        {
            return Unauthorized();
        }

        var (request, bad) = await ReadAsync<CreateRepresentationOfferRequest>(context, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return bad!;
        }

        if (await register.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } relation)
        {
            return NotFound();
        }

        // Refused now rather than at the wallet's Credential Request: the agency learns at once that nothing can be issued.
        var (power, refusal) = await register.AttestationAsync(relation, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken).ConfigureAwait(false);
        if (power is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing can be issued for this relation.", detail: refusal);
        }

        var (offer, problems) = await offers.CreateAsync(
            new CreateOfferRequest { CredentialConfigurationIds = request.CredentialConfigurationIds, PersonId = relation.RepresentativePersonId, TxCode = request.TxCode },
            cancellationToken,
            relation.RepresentationId).ConfigureAwait(false);
        if (offer is null)
        {
            return Results.ValidationProblem(problems!);
        }

        await audit.OfferCreatedAsync(keyName, offer.OfferId, cancellationToken).ConfigureAwait(false);
        return Results.Created(endpoints.Offer(offer.OfferId), offer);
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext context, RepresentationRegister register, CredentialStatusService statuses, AuditRecorder audit, IOptions<IssuerOptions> options, CancellationToken cancellationToken)
    {
        if (AgencyApiEndpoints.AuthorizedKey(context, options.Value) is not { } keyName)
        {
            return Unauthorized();
        }

        var (found, _, issued) = await register.EndAsync(id, RepresentationRegister.EndedByAgency, null, cancellationToken).ConfigureAwait(false);
        if (!found)
        {
            return NotFound();
        }

        foreach (var credential in issued)
        {
            await statuses.SetAsync(credential.CredentialId, TokenStatus.Invalid, cancellationToken).ConfigureAwait(false);
            await audit.StatusSetAsync(keyName, credential.CredentialId, TokenStatus.Invalid, cancellationToken).ConfigureAwait(false);
        }

        return Results.Ok(new EndedRepresentation(id, RepresentationRegister.EndedByAgency, [.. issued.Select(c => c.CredentialId)]));
    }

    private static async Task<IResult> WithdrawAsync(string id, HttpContext context, RepresentationRegister register, CredentialStatusService statuses, AuditRecorder audit, CancellationToken cancellationToken)
    {
        var (request, bad) = await ReadAsync<WithdrawRepresentationRequest>(context, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return bad!;
        }

        if (request.WithdrawalCode is not { Length: > 0 and <= 128 } code)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The withdrawal code is required.");
        }

        var (found, authorized, issued) = await register.EndAsync(id, RepresentationRegister.EndedByRepresented, code, cancellationToken).ConfigureAwait(false);
        if (!found)
        {
            return NotFound();
        }

        if (!authorized)
        {
            // Parental responsibility and legal persons have no code: those relations are ended by the agency.
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The withdrawal code does not match this relation.");
        }

        foreach (var credential in issued)
        {
            await statuses.SetAsync(credential.CredentialId, TokenStatus.Invalid, cancellationToken).ConfigureAwait(false);
            await audit.StatusSetAsync("represented-person", credential.CredentialId, TokenStatus.Invalid, cancellationToken).ConfigureAwait(false);
        }

        return Results.Ok(new EndedRepresentation(id, RepresentationRegister.EndedByRepresented, [.. issued.Select(c => c.CredentialId)]));
    }

    private static async Task<(T? Request, IResult? Problem)> ReadAsync<T>(HttpContext context, CancellationToken cancellationToken)
        where T : class
    {
        var body = await context.Request.ReadBoundedBodyAsync(MaxRequestBytes, cancellationToken).ConfigureAwait(false);
        if (body.IsTooLarge)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The body exceeds {MaxRequestBytes} bytes."));
        }

        if (StrictJson.TryParse(body.Bytes, 8, allowDuplicateProperties: false, out var document, out _))
        {
            using (document)
            {
                try
                {
                    if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.Deserialize<T>(Json) is { } request)
                    {
                        return (request, null);
                    }
                }
                catch (JsonException)
                {
                }
            }
        }

        return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"The body must be a JSON object with the members of {typeof(T).Name.Replace("Request", string.Empty, StringComparison.Ordinal)}."));
    }

    private static IResult Unauthorized() => Results.Problem(statusCode: 401, title: "A valid API key is required in the X-API-Key header.");

    private static IResult NotFound() => Results.Problem(statusCode: 404, title: "No representation relation with this id is registered.");
}
