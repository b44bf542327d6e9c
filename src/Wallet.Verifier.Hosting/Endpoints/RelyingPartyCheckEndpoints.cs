using System.Text.Json;
using Microsoft.Extensions.Options;
using Wallet.Core;
using Wallet.Core.Json;
using Wallet.Hosting;
using Wallet.Verifier.Transactions;

namespace Wallet.Verifier.Endpoints;

/// <summary>
/// The shape every fixed-query check of the relying-party API shares (age checks, representation checks): an API-key
/// group with a create call taking a small JSON body and answering 201 with the location, and a read call by id that
/// answers the check's view or 404. Each check supplies only its members and its query.
/// </summary>
internal static class RelyingPartyCheckEndpoints
{
    private const int MaxBodyBytes = 4 * 1024;

    /// <summary>
    /// Reads the check's own members from the body (the member names are already checked). On success returns the
    /// command once <c>redirect_uri</c> and <c>client_id_prefix</c>, which every check shares, are read.
    /// </summary>
    public delegate bool ReadMembers(JsonElement root, out Func<Uri?, string?, CreatePresentationCommand> command, out VerificationError problem);

    /// <summary>Maps the create and read calls of one kind of check under <paramref name="check"/>'s path.</summary>
    public static void Map<TView, TReader>(IEndpointRouteBuilder routes, RelyingPartyCheck check, ReadMembers readMembers)
        where TView : class
        where TReader : IRelyingPartyCheckReader<TView>
    {
        var api = routes.MapGroup(check.Path).AddEndpointFilter<ApiKeyFilter>().WithTags("Relying party API");
        api.MapPost(string.Empty, (HttpContext context, PresentationCreator creator, CancellationToken cancellationToken) => CreateAsync(context, creator, check, readMembers, cancellationToken))
            .WithName(check.CreateName)
            .WithSummary(check.CreateSummary)
            .Produces<CreatedPresentation>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/{transactionId}", (HttpContext context, string transactionId, CancellationToken cancellationToken) => GetAsync(context, transactionId, check, context.RequestServices.GetRequiredService<TReader>(), cancellationToken))
            .WithName(check.GetName)
            .WithSummary(check.GetSummary)
            .Produces<TView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, PresentationCreator creator, RelyingPartyCheck check, ReadMembers readMembers, CancellationToken cancellationToken)
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

        if (!TryParse(read.Bytes, check, readMembers, creator.AvailableClientIdPrefixes, out var command, out var problem))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: $"Invalid {check.Noun}",
                detail: problem.Message,
                type: context.RequestServices.GetRequiredService<IOptions<ErrorDocumentationOptions>>().Value.For(problem.Code).AbsoluteUri,
                extensions: new Dictionary<string, object?> { ["errors"] = new[] { new { code = problem.Code, message = problem.Message } } });
        }

        var created = await creator.CreateAsync(ApiKeyFilter.RelyingParty(context).Id, command, cancellationToken).ConfigureAwait(false);
        return Results.Created($"{check.Path}/{created.TransactionId}", created);
    }

    private static async Task<IResult> GetAsync<TView>(HttpContext context, string transactionId, RelyingPartyCheck check, IRelyingPartyCheckReader<TView> reader, CancellationToken cancellationToken)
        where TView : class
    {
        var code = context.Request.Query["response_code"];
        var view = transactionId.Length <= 64 && code.Count <= 1
            ? await reader.GetAsync(ApiKeyFilter.RelyingParty(context).Id, transactionId, code.Count == 1 ? code[0] : null, cancellationToken).ConfigureAwait(false)
            : null;
        return view is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Unknown {check.Noun}", detail: $"No {check.Noun} with this id belongs to this relying party.")
            : Results.Ok(view);
    }

    private static bool TryParse(byte[] body, RelyingPartyCheck check, ReadMembers readMembers, IReadOnlyCollection<string> clientIdPrefixes, out CreatePresentationCommand command, out VerificationError problem)
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
                if (member.Name is not ("redirect_uri" or "client_id_prefix") && !check.Members.Contains(member.Name))
                {
                    problem = new(RelyingPartyApiErrorCodes.InvalidMember, $"'{member.Name}' is not a member of {check.Article} {check.Noun}; {check.UnknownMemberReason}.");
                    return false;
                }
            }

            if (!readMembers(root, out var build, out problem))
            {
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
            command = build(redirect, prefix);
            problem = null!;
            return true;
        }
    }
}
