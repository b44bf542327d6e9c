using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Wallet.Core.Json;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.Representation;
using Wallet.Hosting;
using Wallet.Verifier.Endpoints;
using Wallet.Verifier.Transactions;

namespace Wallet.Verifier.Representation;

/// <summary>
/// Representation checks in the relying-party API under <c>/api/representation-checks</c> (issue 13 §1): the relying
/// party names its service (and, when it knows, whom the person must act for); the request asks for PID and the Power of
/// Representation together (<see cref="RepresentationPolicy.Query"/>, one <c>credential_sets</c> option); the answer is
/// "A acts for B with scope S" or every failed check with its code.
/// </summary>
internal static class RepresentationCheckEndpoints
{
    private const int MaxBodyBytes = 4 * 1024;

    public static void Map(IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/representation-checks").AddEndpointFilter<ApiKeyFilter>().WithTags("Relying party API");
        api.MapPost(string.Empty, CreateAsync)
            .WithName("CreateRepresentationCheck")
            .WithSummary("Creates a request for PID and representation together for this relying party's service_id (and optionally the represented party); returns the openid4vp:// URI to show as QR code or link.")
            .Produces<CreatedPresentation>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/{transactionId}", GetAsync)
            .WithName("GetRepresentationCheck")
            .WithSummary("Reads the decision: pending, expired, or decided with 'A acts for B with scope S' or every failed check with its code.")
            .Produces<RepresentationCheckView>()
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
                title: "Invalid representation check",
                detail: problem.Message,
                type: context.RequestServices.GetRequiredService<IOptions<ErrorDocumentationOptions>>().Value.For(problem.Code).AbsoluteUri,
                extensions: new Dictionary<string, object?> { ["errors"] = new[] { new { code = problem.Code, message = problem.Message } } });
        }

        var created = await creator.CreateAsync(ApiKeyFilter.RelyingParty(context).Id, command, cancellationToken).ConfigureAwait(false);
        return Results.Created($"/api/representation-checks/{created.TransactionId}", created);
    }

    private static async Task<IResult> GetAsync(HttpContext context, string transactionId, RepresentationCheckReader reader, CancellationToken cancellationToken)
    {
        var code = context.Request.Query["response_code"];
        var view = transactionId.Length <= 64 && code.Count <= 1
            ? await reader.GetAsync(ApiKeyFilter.RelyingParty(context).Id, transactionId, code.Count == 1 ? code[0] : null, cancellationToken).ConfigureAwait(false)
            : null;
        return view is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown representation check", detail: "No representation check with this id belongs to this relying party.")
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
            if (root.ValueKind != JsonValueKind.Object || JsonNode.Parse(root.GetRawText()) is not JsonObject json)
            {
                problem = new(RelyingPartyApiErrorCodes.InvalidJson, "The body is not a JSON object.");
                return false;
            }

            foreach (var member in json)
            {
                if (member.Key is not ("service_id" or "represented" or "redirect_uri" or "client_id_prefix"))
                {
                    problem = new(RelyingPartyApiErrorCodes.InvalidMember, $"'{member.Key}' is not a member of a representation check; the query is fixed (PID and representation together).");
                    return false;
                }
            }

            if (json["service_id"] is null)
            {
                problem = new(RelyingPartyApiErrorCodes.MissingMember, "'service_id' is required: the service the person acts in.");
                return false;
            }

            var checkMembers = new JsonObject { ["service_id"] = json["service_id"]!.DeepClone(), ["represented"] = json["represented"]?.DeepClone() };
            if (RepresentationCheck.TryRead(checkMembers, out var checkProblem) is not { } check)
            {
                problem = new(RelyingPartyApiErrorCodes.InvalidMember, checkProblem!);
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

            command = new CreatePresentationCommand(RepresentationPolicy.Query(), ResponseModes.DirectPostJwt, RequestUriMethods.Get, redirect, prefix) { RepresentationCheckJson = check.ToJson() };
            problem = null!;
            return true;
        }
    }
}
