using System.Text.Json;
using Microsoft.Extensions.Options;
using Wallet.Core.Dcql;
using Wallet.Core.Json;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.Trust;
using Wallet.Hosting;
using Wallet.Verifier.LiveResults;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Transactions;

namespace Wallet.Verifier.Endpoints;

/// <summary>The relying-party API under <c>/api</c>: create a presentation request, read its result and event log. Errors are RFC 9457 problem details.</summary>
internal static class RelyingPartyEndpoints
{
    private const int MaxCreateBodyBytes = 128 * 1024;
    private const int MaxTransactionData = 16;

    public static void Map(IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/presentations").AddEndpointFilter<ApiKeyFilter>().PerApiKey().WithTags("Relying party API");
        api.MapPost(string.Empty, CreateAsync)
            .WithName("CreatePresentation")
            .WithSummary("Creates a presentation request and returns the openid4vp:// URI to show as QR code or link.")
            .Accepts<CreatePresentationBody>("application/json")
            .Produces<CreatedPresentation>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/{transactionId}", GetAsync)
            .WithName("GetPresentation")
            .WithSummary("Reads the status and, once verified, the verified credentials. Same-device transactions need the response_code from the redirect.")
            .Produces<PresentationStatusView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{transactionId}/events", GetEventsAsync)
            .WithName("GetPresentationEvents")
            .WithSummary("The transaction's event log (no personal data); with Accept: text/event-stream, a live stream of its stages, each carrying the result document of GetPresentation, closing on the final one.")
            .Produces<IReadOnlyList<TransactionEvent>>()
            .Produces(StatusCodes.Status200OK, contentType: LiveResultStream.MediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, PresentationCreator creator, CancellationToken cancellationToken)
    {
        var party = ApiKeyFilter.RelyingParty(context);
        if (!RequestBody.IsJson(context.Request))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "The body must be application/json (UTF-8).");
        }

        var read = await context.Request.ReadBoundedBodyAsync(MaxCreateBodyBytes, cancellationToken).ConfigureAwait(false);
        if (read.IsTooLarge)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large", detail: $"The body exceeds {MaxCreateBodyBytes} bytes.");
        }

        var body = read.Bytes;

        if (!TryParseCommand(body, creator.AvailableClientIdPrefixes, out var command, out var problems))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid presentation request",
                detail: problems[0].Message,
                type: context.RequestServices.GetRequiredService<IOptions<ErrorDocumentationOptions>>().Value.For(problems[0].Code).AbsoluteUri,
                extensions: new Dictionary<string, object?> { ["errors"] = problems.Select(p => new { code = p.Code, message = p.Message }).ToArray() });
        }

        var created = await creator.CreateAsync(party.Id, command, cancellationToken).ConfigureAwait(false);
        return Results.Created($"/api/presentations/{created.TransactionId}", created);
    }

    private static async Task<IResult> GetAsync(HttpContext context, string transactionId, PresentationResultReader results, CancellationToken cancellationToken)
    {
        var party = ApiKeyFilter.RelyingParty(context);
        var code = context.Request.Query["response_code"];
        var view = transactionId.Length <= 64 && code.Count <= 1
            ? await results.GetStatusAsync(party.Id, transactionId, code.Count == 1 ? code[0] : null, cancellationToken).ConfigureAwait(false)
            : null;
        return view is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown transaction", detail: "No transaction with this id belongs to this relying party.")
            : Results.Ok(view);
    }

    private static async Task<IResult> GetEventsAsync(HttpContext context, string transactionId, PresentationResultReader results, CancellationToken cancellationToken)
    {
        var party = ApiKeyFilter.RelyingParty(context);
        if (LiveResultStream.IsRequested(context.Request))
        {
            var code = context.Request.Query["response_code"];
            var transaction = transactionId.Length <= 64 && code.Count <= 1 ? await results.FindAsync(party.Id, transactionId, cancellationToken).ConfigureAwait(false) : null;
            return transaction is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown transaction", detail: "No transaction with this id belongs to this relying party.")
                : context.RequestServices.GetRequiredService<LiveResultStream>().Open(context, party.Id, transaction, async (current, ct) =>
                {
                    var view = await results.GetStatusAsync(current, code.Count == 1 ? code[0] : null, ct).ConfigureAwait(false);
                    return new LiveResultSnapshot(view, view.Status);
                });
        }

        var events = transactionId.Length <= 64 ? await results.GetEventsAsync(party.Id, transactionId, cancellationToken).ConfigureAwait(false) : null;
        return events is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown transaction", detail: "No transaction with this id belongs to this relying party.")
            : Results.Ok(events);
    }

    private static bool TryParseCommand(byte[] body, IReadOnlyCollection<string> clientIdPrefixes, out CreatePresentationCommand command, out List<Wallet.Core.VerificationError> problems)
    {
        command = null!;
        problems = [];
        if (!StrictJson.TryParse(body, 32, allowDuplicateProperties: false, out var document, out var jsonError))
        {
            problems.Add(jsonError.Code == JsonErrorCodes.InvalidUtf8 ? jsonError : new(RelyingPartyApiErrorCodes.InvalidJson, $"The body is not well-formed JSON without duplicate members: {jsonError.Message}"));
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new(RelyingPartyApiErrorCodes.InvalidJson, "The body is not a JSON object."));
                return false;
            }

            DcqlQuery? query = null;
            if (!root.TryGetProperty("dcql_query", out var dcql))
            {
                problems.Add(new(RelyingPartyApiErrorCodes.MissingMember, "'dcql_query' is required."));
            }
            else if (!DcqlQuery.TryParse(dcql, out query, out var dcqlErrors))
            {
                problems.AddRange(dcqlErrors);
            }

            var responseMode = OptionalString(root, "response_mode", ResponseModes.DirectPostJwt, problems);
            if (responseMode is not null && !ResponseModes.IsSupported(responseMode))
            {
                problems.Add(new(RelyingPartyApiErrorCodes.InvalidMember, "'response_mode' must be 'direct_post.jwt' or 'direct_post'."));
            }

            var method = OptionalString(root, "request_uri_method", RequestUriMethods.Get, problems);
            if (method is not null and not (RequestUriMethods.Get or RequestUriMethods.Post))
            {
                problems.Add(new(RelyingPartyApiErrorCodes.InvalidMember, "'request_uri_method' must be 'get' or 'post'."));
            }

            Uri? redirect = null;
            var redirectText = OptionalString(root, "redirect_uri", null, problems);
            if (redirectText is not null
                && (!Uri.TryCreate(redirectText, UriKind.Absolute, out redirect) || (redirect.Scheme != Uri.UriSchemeHttps && !(redirect.Scheme == Uri.UriSchemeHttp && redirect.IsLoopback)) || redirect.Fragment.Length > 0))
            {
                problems.Add(new(RelyingPartyApiErrorCodes.InvalidMember, "'redirect_uri' must be an absolute https URL without a fragment."));
            }

            var prefix = OptionalString(root, "client_id_prefix", null, problems);
            if (prefix is not null && !clientIdPrefixes.Contains(prefix))
            {
                problems.Add(new(RelyingPartyApiErrorCodes.InvalidMember, $"'client_id_prefix' must be one of {string.Join(", ", clientIdPrefixes.Select(p => $"'{p}'"))}: the prefixes this Verifier's request signing certificate can be bound to (OpenID4VP 1.0 §5.9.3)."));
            }

            var transactionData = ReadTransactionData(root, query, problems);
            LevelOfAssurance? minimum = null;
            var minimumText = OptionalString(root, "minimum_level_of_assurance", null, problems);
            if (minimumText is not null)
            {
                minimum = minimumText switch { "low" => LevelOfAssurance.Low, "substantial" => LevelOfAssurance.Substantial, "high" => LevelOfAssurance.High, _ => null };
                if (minimum is null)
                {
                    problems.Add(new(RelyingPartyApiErrorCodes.InvalidMember, "'minimum_level_of_assurance' must be 'low', 'substantial' or 'high' (eIDAS Regulation (EU) 910/2014 Art. 8)."));
                }
            }

            if (problems.Count > 0)
            {
                return false;
            }

            command = new CreatePresentationCommand(query!, responseMode!, method!, redirect, prefix, minimum) { TransactionData = transactionData };
            return true;
        }
    }

    // OpenID4VP 1.0 §5.1: objects of a type this Verifier knows, naming SD-JWT VC queries that require holder binding (B.3.3).
    private static List<TransactionData> ReadTransactionData(JsonElement root, DcqlQuery? query, List<Wallet.Core.VerificationError> problems)
    {
        var items = new List<TransactionData>();
        if (!root.TryGetProperty("transaction_data", out var json) || json.ValueKind == JsonValueKind.Null)
        {
            return items;
        }

        if (json.ValueKind != JsonValueKind.Array || json.GetArrayLength() is 0 or > MaxTransactionData)
        {
            problems.Add(new(RelyingPartyApiErrorCodes.InvalidMember, $"'transaction_data' must be an array of 1 to {MaxTransactionData} objects, each with 'type', 'credential_ids' and the members of its type (OpenID4VP 1.0 §5.1)."));
            return items;
        }

        var index = 0;
        foreach (var element in json.EnumerateArray())
        {
            if (TransactionData.TryCreate(element, TransactionDataType.Known, index++, out var item, out var errors))
            {
                items.Add(item);
            }
            else
            {
                problems.AddRange(errors);
            }
        }

        if (query is not null && items.Count == index)
        {
            problems.AddRange(TransactionData.CheckAgainst(items, query));
        }

        return items;
    }

    private static string? OptionalString(JsonElement root, string name, string? fallback, List<Wallet.Core.VerificationError> problems)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(new(RelyingPartyApiErrorCodes.InvalidMember, $"'{name}' must be a string."));
            return null;
        }

        return value.GetString();
    }
}
