using System.Text.Json;
using Microsoft.Extensions.Options;
using Wallet.Core.AgeVerification;
using Wallet.Core.Json;
using Wallet.Core.OpenId4Vp;
using Wallet.Hosting;
using Wallet.Verifier.Endpoints;
using Wallet.Verifier.Transactions;

namespace Wallet.Verifier.AgeChecks;

/// <summary>
/// The age gate of the relying-party API under <c>/api/age-checks</c>: the relying party names an age, shows the
/// returned request as QR code or link, and reads back yes or no. The request asks only for <c>age_over_NN</c> of the
/// age verification attestation (<see cref="AgeGate"/>); the answer carries nothing else.
/// </summary>
internal static class AgeCheckEndpoints
{
    private const int MaxBodyBytes = 4 * 1024;

    public static void Map(IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/age-checks").AddEndpointFilter<ApiKeyFilter>().WithTags("Relying party API");
        api.MapPost(string.Empty, CreateAsync)
            .WithName("CreateAgeCheck")
            .WithSummary("Creates an age check for age_over (13, 15, 16, 18 or 21) and returns the openid4vp:// URI to show as QR code or link.")
            .Produces<CreatedPresentation>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/{transactionId}", GetAsync)
            .WithName("GetAgeCheck")
            .WithSummary("Reads the answer: pending, expired, or decided with over true or false and the codes when false. Same-device checks need the response_code.")
            .Produces<AgeCheckView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, PresentationCreator creator, CancellationToken cancellationToken)
    {
        if (!RequestBody.IsJson(context.Request))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "The body must be application/json (UTF-8).");
        }

        var read = await context.Request.ReadBoundedBodyAsync(MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (read.IsTooLarge)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large", detail: $"The body exceeds {MaxBodyBytes} bytes.");
        }

        if (!TryParse(read.Bytes, creator.AvailableClientIdPrefixes, out var command, out var problem))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid age check",
                detail: problem.Message,
                type: context.RequestServices.GetRequiredService<IOptions<ErrorDocumentationOptions>>().Value.For(problem.Code).AbsoluteUri,
                extensions: new Dictionary<string, object?> { ["errors"] = new[] { new { code = problem.Code, message = problem.Message } } });
        }

        var created = await creator.CreateAsync(ApiKeyFilter.RelyingParty(context).Id, command, cancellationToken).ConfigureAwait(false);
        return Results.Created($"/api/age-checks/{created.TransactionId}", created);
    }

    private static async Task<IResult> GetAsync(HttpContext context, string transactionId, AgeCheckReader reader, CancellationToken cancellationToken)
    {
        var code = context.Request.Query["response_code"];
        var view = transactionId.Length <= 64 && code.Count <= 1
            ? await reader.GetAsync(ApiKeyFilter.RelyingParty(context).Id, transactionId, code.Count == 1 ? code[0] : null, cancellationToken).ConfigureAwait(false)
            : null;
        return view is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown age check", detail: "No age check with this id belongs to this relying party.")
            : Results.Ok(view);
    }

    private static bool TryParse(byte[] body, IReadOnlyCollection<string> clientIdPrefixes, out CreatePresentationCommand command, out Core.VerificationError problem)
    {
        command = null!;
        if (!StrictJson.TryParse(body, 8, allowDuplicateProperties: false, out var document, out var jsonError))
        {
            problem = jsonError.Code == JsonErrorCodes.InvalidUtf8 ? jsonError : new(RelyingPartyApiErrorCodes.InvalidJson, $"The body is not well-formed JSON without duplicate members: {jsonError.Message}");
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = new(RelyingPartyApiErrorCodes.InvalidJson, "The body is not a JSON object.");
                return false;
            }

            foreach (var member in root.EnumerateObject())
            {
                if (member.Name is not ("age_over" or "redirect_uri" or "client_id_prefix"))
                {
                    problem = new(RelyingPartyApiErrorCodes.InvalidMember, $"'{member.Name}' is not a member of an age check; it asks for age_over and nothing else.");
                    return false;
                }
            }

            if (!root.TryGetProperty("age_over", out var ageOver))
            {
                problem = new(RelyingPartyApiErrorCodes.MissingMember, "'age_over' is required.");
                return false;
            }

            if (ageOver.ValueKind != JsonValueKind.Number || !ageOver.TryGetInt32(out var age) || !AgeVerificationAttestation.IsSupportedAge(age))
            {
                problem = new(RelyingPartyApiErrorCodes.InvalidMember, $"'age_over' must be one of {string.Join(", ", AgeVerificationAttestation.Ages)}: the ages the age verification attestation states.");
                return false;
            }

            Uri? redirect = null;
            if (root.TryGetProperty("redirect_uri", out var redirectValue) && redirectValue.ValueKind != JsonValueKind.Null
                && (redirectValue.ValueKind != JsonValueKind.String || !Uri.TryCreate(redirectValue.GetString(), UriKind.Absolute, out redirect)
                    || (redirect.Scheme != Uri.UriSchemeHttps && !(redirect.Scheme == Uri.UriSchemeHttp && redirect.IsLoopback)) || redirect.Fragment.Length > 0))
            {
                problem = new(RelyingPartyApiErrorCodes.InvalidMember, "'redirect_uri' must be an absolute https URL without a fragment.");
                return false;
            }

            string? prefix = null;
            if (root.TryGetProperty("client_id_prefix", out var prefixValue) && prefixValue.ValueKind != JsonValueKind.Null
                && (prefixValue.ValueKind != JsonValueKind.String || !clientIdPrefixes.Contains(prefix = prefixValue.GetString()!)))
            {
                problem = new(RelyingPartyApiErrorCodes.InvalidMember, $"'client_id_prefix' must be one of {string.Join(", ", clientIdPrefixes.Select(p => $"'{p}'"))}.");
                return false;
            }

            // HAIP's encrypted response and signed request apply as for every request of this Verifier.
            command = new CreatePresentationCommand(AgeGate.Query(age), ResponseModes.DirectPostJwt, RequestUriMethods.Get, redirect, prefix);
            problem = null!;
            return true;
        }
    }
}
