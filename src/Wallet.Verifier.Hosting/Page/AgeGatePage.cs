using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.AgeVerification;
using Wallet.Core.Json;
using Wallet.Core.OpenId4Vp;
using Wallet.Hosting;
using Wallet.Hosting.Pages;
using Wallet.Verifier.AgeChecks;
using Wallet.Verifier.Endpoints;
using Wallet.Verifier.LiveResults;
using Wallet.Verifier.Transactions;


namespace Wallet.Verifier.Page;

/// <summary>
/// The age-gate page (<c>/rp/age</c>) of the demo relying party: pick an age, show the request as a QR code and a link,
/// read back yes or no. It uses the age gate of the relying-party API (<see cref="AgeGate"/>, <see cref="AgeCheckReader"/>)
/// for the page's own relying party and browser session, so it sees exactly what an API client sees: no claim value.
/// </summary>
internal static class AgeGatePage
{
    public const string Path = "/age";
    private const int MaxBodyBytes = 1024;
    private static readonly JsonSerializerOptions ScriptJson = new(JsonSerializerDefaults.Web);

    public static void Map(RouteGroupBuilder page, string partyId, bool secure)
    {
        page.MapGet(Path, (HttpContext context) =>
        {
            DemoSession.Ensure(context, partyId, secure);
            return Serve(context);
        });
        page.MapGet("/age.js", (HttpContext context) => DemoPageAssets.Serve(context, "age.js"));
        page.MapPost("/age-checks", (HttpContext context, PresentationCreator creator, DemoPageRateLimiter limiter, CancellationToken ct) =>
            CreateAsync(context, DemoSession.Owner(context, partyId, secure), creator, limiter, ct));
        page.MapGet("/age-checks/{transactionId}", async (HttpContext context, string transactionId, AgeCheckReader reader, CancellationToken ct) =>
        {
            DemoPageAssets.SecurityHeaders(context.Response);
            context.Response.Headers.CacheControl = "no-store";
            var owner = DemoSession.Owner(context, partyId, secure);
            var view = owner is null || transactionId.Length > 64 ? null : await reader.GetAsync(owner, transactionId, null, ct).ConfigureAwait(false);
            return view is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown age check", detail: "No age check with this id belongs to this browser session.")
                : Results.Ok(view);
        });
        page.MapGet("/age-checks/{transactionId}/events", async (HttpContext context, string transactionId, AgeCheckReader reader, PresentationResultReader results, LiveResultStream stream, CancellationToken ct) =>
        {
            DemoPageAssets.SecurityHeaders(context.Response);
            var owner = DemoSession.Owner(context, partyId, secure);
            var transaction = owner is null || transactionId.Length > 64 || await reader.GetAsync(owner, transactionId, null, ct).ConfigureAwait(false) is null
                ? null
                : await results.FindAsync(owner, transactionId, ct).ConfigureAwait(false);
            return transaction is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown age check", detail: "No age check with this id belongs to this browser session.")
                : stream.Open(context, partyId, transaction, async (current, token) =>
                {
                    // Purged while watched reads as expired: no answer will come.
                    var view = await reader.GetAsync(owner!, current.Id, null, token).ConfigureAwait(false) ?? new AgeCheckView("expired", 0, null, []);
                    return new LiveResultSnapshot(view, view.Status);
                });
        });
    }

    private static async Task<IResult> CreateAsync(HttpContext context, string? owner, PresentationCreator creator, DemoPageRateLimiter limiter, CancellationToken cancellationToken)
    {
        DemoPageAssets.SecurityHeaders(context.Response);
        if (owner is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "No page session", detail: $"Open {DemoPageEndpoints.PagePath}{Path} first.");
        }

        // A JSON content type cannot be sent cross-site without a CORS preflight, which this endpoint never grants.
        if (!RequestBody.IsJson(context.Request))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "The body must be application/json.");
        }

        var read = await context.Request.ReadBoundedBodyAsync(MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (read.IsTooLarge || !StrictJson.TryParseNode(read.Bytes, 4, allowDuplicateProperties: false, out var root, out _)
            || root is not JsonObject body || body["age_over"] is not JsonValue value || !value.TryGetValue<int>(out var age) || !AgeVerificationAttestation.IsSupportedAge(age))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid age check", detail: $"'age_over' must be one of {string.Join(", ", AgeVerificationAttestation.Ages)}.");
        }

        if (!limiter.TryAcquire())
        {
            context.Response.Headers.RetryAfter = "60";
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: "The page creates a limited number of transactions per minute; try again shortly.");
        }

        var created = await creator.CreateAsync(owner, new CreatePresentationCommand(AgeGate.Query(age), ResponseModes.DirectPostJwt, RequestUriMethods.Get, null), cancellationToken).ConfigureAwait(false);
        return Results.Json(
            new
            {
                created.TransactionId,
                created.AuthorizationRequestUri,
                QrCode = $"{DemoPageEndpoints.PagePath}/presentations/{created.TransactionId}/qr.svg",
                created.ExpiresAt,
            },
            statusCode: StatusCodes.Status201Created);
    }

    private static IResult Serve(HttpContext context)
    {
        var language = PageLocalization.LanguageOf(context);
        var t = AgeGatePageText.Text.In(language);
        var options = new StringBuilder();
        foreach (var age in AgeVerificationAttestation.Ages)
        {
            options.Append("<label><input type=\"radio\" name=\"age\" value=\"").Append(age).Append('"').Append(age == 18 ? " checked" : string.Empty)
                .Append("> ").Append(E(t.AgeOption(age))).Append("</label>");
        }

        var html = $$"""
            <!doctype html>
            <html lang="{{language.Code}}">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{{E(t.Title)}}</title>
              <link rel="stylesheet" href="/rp/app.css">
              <script type="application/json" id="page-text">{{JsonSerializer.Serialize(t.Script, ScriptJson)}}</script>
              <script src="/rp/live.js" defer></script>
              <script src="/rp/age.js" defer></script>
            </head>
            <body>
              <header>{{PageLocalization.LanguageSwitchHtml(context)}}</header>
              <main>
                <h1>{{E(t.Title)}}</h1>
                <p>{{E(t.Intro)}}</p>
                <form id="age-choice">
                  <fieldset>
                    <legend>{{E(t.WhichAge)}}</legend>
                    {{options}}
                  </fieldset>
                  <p><button type="submit">{{E(t.Check)}}</button></p>
                  <p id="form-error" class="error" role="alert"></p>
                </form>
                <section id="request" hidden aria-labelledby="request-heading">
                  <h2 id="request-heading">{{E(t.Request)}}</h2>
                  <figure>
                    <img id="qr" width="288" height="288" alt="{{E(t.QrAlt)}}">
                    <figcaption>{{E(t.QrCaption)}}</figcaption>
                  </figure>
                  <p><a id="link" href="#request">{{E(t.OpenLink)}}</a></p>
                </section>
                <section id="answer" hidden aria-labelledby="answer-heading">
                  <h2 id="answer-heading">{{E(t.Answer)}}</h2>
                  <p id="verdict" class="verdict" role="status" aria-live="polite"></p>
                  <p id="explanation"></p>
                  <ul id="reasons"></ul>
                </section>
                <p><a href="{{DemoPageEndpoints.PagePath}}">{{E(t.BackToRelyingParty)}}</a></p>
              </main>
            </body>
            </html>
            """;
        DemoPageAssets.SecurityHeaders(context.Response);
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
