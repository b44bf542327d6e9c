using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Wallet.Core;
using Wallet.Core.Dcql;
using Wallet.Core.Json;
using Wallet.Core.OpenId4Vp;
using Wallet.Hosting;
using Wallet.Verifier.Endpoints;
using Wallet.Verifier.LiveResults;
using Wallet.Verifier.Options;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Transactions;

namespace Wallet.Verifier.Page;

/// <summary>
/// The relying-party page (<c>/rp</c>): pick what to ask for, see the request as a QR code and a same-device link, watch
/// the result arrive. Mapped only when <c>Verifier:DemoPage:Enabled</c>. Its endpoints need no API key: they act for
/// the page's own relying party and, within it, for the browser session of the cookie (see <see cref="DemoSession"/>).
/// </summary>
internal static class DemoPageEndpoints
{
    public const string PagePath = "/rp";
    private const int MaxCreateBodyBytes = 4 * 1024;

    public static void Map(IEndpointRouteBuilder routes, VerifierOptions options)
    {
        var secure = options.PublicBaseUrl?.Scheme == Uri.UriSchemeHttps;
        var partyId = options.DemoPage.RelyingPartyId;
        routes.MapGet("/", () => Results.Redirect(PagePath)).ExcludeFromDescription();
        var page = routes.MapGroup(PagePath).ExcludeFromDescription();
        page.MapGet(string.Empty, (HttpContext context) =>
        {
            DemoSession.Ensure(context, partyId, secure);
            return RelyingPartyPage.Serve(context);
        });
        page.MapGet("/app.js", (HttpContext context) => DemoPageAssets.Serve(context, "app.js"));
        page.MapGet("/live.js", (HttpContext context) => DemoPageAssets.Serve(context, "live.js"));
        page.MapGet("/app.css", (HttpContext context) => DemoPageAssets.Serve(context, "app.css"));
        AgeGatePage.Map(page, partyId, secure);
        CounterPage.Map(page, partyId, secure);
        page.MapPost("/presentations", (HttpContext context, PresentationCreator creator, DemoPageRateLimiter limiter, IOptions<VerifierOptions> current, CancellationToken ct) =>
            CreateAsync(context, DemoSession.Owner(context, partyId, secure), creator, limiter, current.Value, ct));
        page.MapGet("/presentations/{transactionId}", (HttpContext context, string transactionId, PresentationResultReader results, ITransactionEventLog events, CancellationToken ct) =>
            GetAsync(context, DemoSession.Owner(context, partyId, secure), transactionId, results, events, ct));
        page.MapGet("/presentations/{transactionId}/events", (HttpContext context, string transactionId, PresentationResultReader results, ITransactionEventLog events, LiveResultStream stream, CancellationToken ct) =>
            StreamAsync(context, partyId, DemoSession.Owner(context, partyId, secure), transactionId, results, events, stream, ct));
        page.MapGet("/presentations/{transactionId}/qr.svg", (HttpContext context, string transactionId, PresentationResultReader results, TransactionUris uris, CancellationToken ct) =>
            QrCodeAsync(context, DemoSession.Owner(context, partyId, secure), transactionId, results, uris, ct));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, string? owner, PresentationCreator creator, DemoPageRateLimiter limiter, VerifierOptions options, CancellationToken cancellationToken)
    {
        DemoPageAssets.SecurityHeaders(context.Response);
        if (owner is null)
        {
            return NoSession();
        }

        // A JSON content type cannot be sent cross-site without a CORS preflight, which this endpoint never grants.
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "The body must be application/json.");
        }

        var read = await context.Request.ReadBoundedBodyAsync(MaxCreateBodyBytes, cancellationToken).ConfigureAwait(false);
        if (read.IsTooLarge)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large", detail: $"The body exceeds {MaxCreateBodyBytes} bytes.");
        }

        var body = read.Bytes;

        if (!TryParse(body, options, creator.AvailableClientIdPrefixes, out var command, out var problem))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid choice", detail: problem.Message, extensions: new Dictionary<string, object?> { ["errors"] = new[] { new { code = problem.Code, message = problem.Message } } });
        }

        if (!limiter.TryAcquire())
        {
            context.Response.Headers.RetryAfter = "60";
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: "The page creates a limited number of transactions per minute; try again shortly.");
        }

        var created = await creator.CreateAsync(owner, command, cancellationToken).ConfigureAwait(false);
        return Results.Json(
            new
            {
                created.TransactionId,
                created.AuthorizationRequestUri,
                QrCode = $"{PagePath}/presentations/{created.TransactionId}/qr.svg",
                created.ExpiresAt,
                DcqlQuery = StrictJson.ToNode(command.Query.Json),
                SameDevice = command.RedirectUri is not null,
            },
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetAsync(HttpContext context, string? owner, string transactionId, PresentationResultReader results, ITransactionEventLog events, CancellationToken cancellationToken)
    {
        DemoPageAssets.SecurityHeaders(context.Response);
        context.Response.Headers.CacheControl = "no-store";
        var code = context.Request.Query["response_code"];
        var transaction = owner is null || transactionId.Length > 64 || code.Count > 1 ? null : await results.FindAsync(owner, transactionId, cancellationToken).ConfigureAwait(false);
        if (transaction is null)
        {
            return owner is null ? NoSession() : Unknown();
        }

        var view = await results.GetStatusAsync(transaction, code.Count == 1 ? code[0] : null, cancellationToken).ConfigureAwait(false);
        var log = await events.ListAsync(transaction.Id, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new DemoResultView(view.Status, transaction.ExpiresAt, view.Credentials, DemoCheckList.For(transaction, view), view.Errors, log));
    }

    private static async Task<IResult> StreamAsync(HttpContext context, string partyId, string? owner, string transactionId, PresentationResultReader results, ITransactionEventLog events, LiveResultStream stream, CancellationToken cancellationToken)
    {
        DemoPageAssets.SecurityHeaders(context.Response);
        var code = context.Request.Query["response_code"];
        var transaction = owner is null || transactionId.Length > 64 || code.Count > 1 ? null : await results.FindAsync(owner, transactionId, cancellationToken).ConfigureAwait(false);
        if (transaction is null)
        {
            return owner is null ? NoSession() : Unknown();
        }

        return stream.Open(context, partyId, transaction, async (current, ct) =>
        {
            var view = await results.GetStatusAsync(current, code.Count == 1 ? code[0] : null, ct).ConfigureAwait(false);
            var log = await events.ListAsync(current.Id, ct).ConfigureAwait(false);
            return new LiveResultSnapshot(new DemoResultView(view.Status, current.ExpiresAt, view.Credentials, DemoCheckList.For(current, view), view.Errors, log), view.Status);
        });
    }

    private static async Task<IResult> QrCodeAsync(HttpContext context, string? owner, string transactionId, PresentationResultReader results, TransactionUris uris, CancellationToken cancellationToken)
    {
        DemoPageAssets.SecurityHeaders(context.Response);
        context.Response.Headers.CacheControl = "no-store";
        var transaction = owner is null || transactionId.Length > 64 ? null : await results.FindAsync(owner, transactionId, cancellationToken).ConfigureAwait(false);
        if (transaction is null)
        {
            return owner is null ? NoSession() : Unknown();
        }

        return Results.Text(QrCodeImage.ToSvg(uris.AuthorizationRequestUriOf(transaction)), QrCodeImage.SvgMediaType);
    }

    private static bool TryParse(byte[] body, VerifierOptions options, IReadOnlyCollection<string> clientIdPrefixes, out CreatePresentationCommand command, out VerificationError problem)
    {
        command = null!;
        problem = null!;
        if (!StrictJson.TryParseNode(body, 8, allowDuplicateProperties: false, out var root, out var jsonError))
        {
            problem = jsonError.Code == JsonErrorCodes.InvalidUtf8 ? jsonError : new(RelyingPartyApiErrorCodes.InvalidJson, $"The body is not well-formed JSON without duplicate members: {jsonError.Message}");
            return false;
        }

        if (root is not JsonObject choice
            || choice["preset"] is not JsonValue presetValue || !presetValue.TryGetValue<string>(out var preset)
            || choice["formats"] is not JsonArray formatArray || formatArray.Count is 0 or > 2)
        {
            problem = new(RelyingPartyApiErrorCodes.InvalidMember, $"'preset' (one of {string.Join(", ", DemoPresets.Names)}) and 'formats' (dc+sd-jwt and/or mso_mdoc) are required.");
            return false;
        }

        var formats = new List<string>();
        foreach (var format in formatArray)
        {
            if (format is not JsonValue value || !value.TryGetValue<string>(out var name) || formats.Contains(name))
            {
                problem = new(RelyingPartyApiErrorCodes.InvalidMember, "'formats' must list dc+sd-jwt and/or mso_mdoc, each once.");
                return false;
            }

            formats.Add(name);
        }

        if (DemoPresets.Query(preset, formats) is not { } dcql)
        {
            problem = new(RelyingPartyApiErrorCodes.InvalidMember, $"'preset' must be one of {string.Join(", ", DemoPresets.Names)}, and 'formats' dc+sd-jwt and/or mso_mdoc.");
            return false;
        }

        var responseMode = Optional(choice, "response_mode") ?? ResponseModes.DirectPostJwt;
        var method = Optional(choice, "request_uri_method") ?? RequestUriMethods.Get;
        var prefix = Optional(choice, "client_id_prefix");
        var sameDevice = choice["same_device"] is JsonValue flag && flag.TryGetValue<bool>(out var on) && on;
        if (!ResponseModes.IsSupported(responseMode) || method is not (RequestUriMethods.Get or RequestUriMethods.Post) || (prefix is not null && !clientIdPrefixes.Contains(prefix)))
        {
            problem = new(RelyingPartyApiErrorCodes.InvalidMember, $"'response_mode' must be direct_post.jwt or direct_post, 'request_uri_method' get or post, 'client_id_prefix' one of {string.Join(", ", clientIdPrefixes)}.");
            return false;
        }

        // Built here from a fixed preset, so it always parses; a failure would be a bug in DemoPresets.
        if (!DcqlQuery.TryParse(dcql.ToJsonString(), out var query, out var errors))
        {
            throw new InvalidOperationException($"The page preset '{preset}' is not a valid DCQL query: {errors[0].Message}");
        }

        command = new CreatePresentationCommand(query, responseMode, method, sameDevice ? new Uri(options.PublicBaseUrl!, PagePath.TrimStart('/')) : null, prefix);
        return true;
    }

    private static string? Optional(JsonObject choice, string name) =>
        choice[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static IResult NoSession() =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "No page session", detail: $"Open {PagePath} first: the page's transactions belong to the browser session it starts.");

    private static IResult Unknown() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown transaction", detail: "No transaction with this id belongs to this browser session.");
}
