using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Wallet.Core.OpenId4Vp;
using Wallet.Hosting;
using Wallet.Hosting.Pages;
using Wallet.Verifier.Endpoints;
using Wallet.Verifier.LiveResults;
using Wallet.Verifier.Options;
using Wallet.Verifier.Transactions;


namespace Wallet.Verifier.Page;

/// <summary>
/// The counter ID check page (<c>/rp/counter</c>): a clerk presses one button, the person scans the QR code with their
/// wallet, and the page shows the PID's portrait, name, birth date, age, level of assurance, status and issuer on a
/// large green (accepted) or red (refused) panel that clears itself after <see cref="DemoPageOptions.CounterResultDisplayTime"/>.
/// Like the age gate it acts for the page's relying party and browser session. It keeps nothing: the portrait is read
/// from the transaction's result when the page asks for it and is sent with <c>no-store</c>.
/// </summary>
internal static class CounterPage
{
    public const string Path = "/counter";
    private const int MaxBodyBytes = 256;

    // Passport-photo proportions (ICAO 9303), large enough to compare with the face across a counter.
    private const int PortraitWidth = 280;
    private const int PortraitHeight = 360;
    private static readonly JsonSerializerOptions ScriptJson = new(JsonSerializerDefaults.Web);

    public static void Map(RouteGroupBuilder page, string partyId, bool secure)
    {
        page.MapGet(Path, (HttpContext context) =>
        {
            DemoSession.Ensure(context, partyId, secure);
            return Serve(context);
        });
        page.MapGet("/counter.js", (HttpContext context) => DemoPageAssets.Serve(context, "counter.js"));
        page.MapPost(Path + "/checks", (HttpContext context, PresentationCreator creator, DemoPageRateLimiter limiter, IOptions<VerifierOptions> options, CancellationToken ct) =>
            CreateAsync(context, DemoSession.Owner(context, partyId, secure), creator, limiter, options.Value.DemoPage, ct));
        page.MapGet(Path + "/checks/{transactionId}", async (HttpContext context, string transactionId, PresentationResultReader results, TimeProvider time, IOptions<VerifierOptions> options, CancellationToken ct) =>
        {
            var status = await ReadAsync(context, DemoSession.Owner(context, partyId, secure), transactionId, results, ct).ConfigureAwait(false);
            return status is null
                ? Unknown()
                : Results.Ok(CounterCheck.ToView(status, transactionId, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ClearAfterSeconds(options.Value.DemoPage)));
        });
        page.MapGet(Path + "/checks/{transactionId}/events", async (HttpContext context, string transactionId, PresentationResultReader results, LiveResultStream stream, TimeProvider time, IOptions<VerifierOptions> options, CancellationToken ct) =>
        {
            DemoPageAssets.SecurityHeaders(context.Response);
            var owner = DemoSession.Owner(context, partyId, secure);
            var transaction = owner is null || transactionId.Length > 64 ? null : await results.FindAsync(owner, transactionId, ct).ConfigureAwait(false);
            return transaction is null
                ? Unknown()
                : stream.Open(context, partyId, transaction, async (current, token) =>
                {
                    var status = await results.GetStatusAsync(current, null, token).ConfigureAwait(false);
                    return new LiveResultSnapshot(CounterCheck.ToView(status, current.Id, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ClearAfterSeconds(options.Value.DemoPage)), status.Status);
                });
        });
        page.MapGet(Path + "/checks/{transactionId}/portrait.jpg", async (HttpContext context, string transactionId, PresentationResultReader results, CancellationToken ct) =>
        {
            var status = await ReadAsync(context, DemoSession.Owner(context, partyId, secure), transactionId, results, ct).ConfigureAwait(false);
            return status is not null && CounterCheck.TryReadPortrait(status, out var jpeg) ? Results.Bytes(jpeg, "image/jpeg") : Unknown();
        });
    }

    private static int ClearAfterSeconds(DemoPageOptions options) => (int)Math.Ceiling(options.CounterResultDisplayTime.TotalSeconds);

    private static async ValueTask<PresentationStatusView?> ReadAsync(HttpContext context, string? owner, string transactionId, PresentationResultReader results, CancellationToken cancellationToken)
    {
        DemoPageAssets.SecurityHeaders(context.Response);
        context.Response.Headers.CacheControl = "no-store";
        return owner is null || transactionId.Length > 64 ? null : await results.GetStatusAsync(owner, transactionId, null, cancellationToken).ConfigureAwait(false);
    }

    private static IResult Unknown() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown check", detail: "No counter check with this id belongs to this browser session, or it has no portrait.");

    private static async Task<IResult> CreateAsync(HttpContext context, string? owner, PresentationCreator creator, DemoPageRateLimiter limiter, DemoPageOptions options, CancellationToken cancellationToken)
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
        if (read.IsTooLarge)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large", detail: $"The body exceeds {MaxBodyBytes} bytes.");
        }

        if (!limiter.TryAcquire())
        {
            context.Response.Headers.RetryAfter = "60";
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: "The page creates a limited number of transactions per minute; try again shortly.");
        }

        var command = new CreatePresentationCommand(CounterCheck.Query, ResponseModes.DirectPostJwt, RequestUriMethods.Get, null, MinimumLevelOfAssurance: options.CounterMinimumLevelOfAssurance);
        var created = await creator.CreateAsync(owner, command, cancellationToken).ConfigureAwait(false);
        return Results.Json(
            new
            {
                created.TransactionId,
                created.AuthorizationRequestUri,
                QrCode = $"{DemoPageEndpoints.PagePath}/presentations/{created.TransactionId}/qr.svg",
                created.ExpiresAt,
                created.MinimumLevelOfAssurance,
            },
            statusCode: StatusCodes.Status201Created);
    }

    private static IResult Serve(HttpContext context)
    {
        var language = PageLocalization.LanguageOf(context);
        var t = CounterPageText.Text.In(language);
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
              <script src="/rp/counter.js" defer></script>
            </head>
            <body>
              <header>{{PageLocalization.LanguageSwitchHtml(context)}}</header>
              <main class="counter">
                <h1>{{E(t.Title)}}</h1>
                <p>{{E(t.Intro)}}</p>
                <p><button type="button" id="start" class="start">{{E(t.Start)}}</button></p>
                <p id="form-error" class="error" role="alert"></p>
                <section id="request" hidden aria-labelledby="request-heading">
                  <h2 id="request-heading">{{E(t.Request)}}</h2>
                  <figure>
                    <img id="qr" width="288" height="288" alt="{{E(t.QrAlt)}}">
                    <figcaption>{{E(t.QrCaption)}}</figcaption>
                  </figure>
                  <p><a id="link" href="#request">{{E(t.OpenLink)}}</a></p>
                </section>
                <section id="result" hidden aria-labelledby="result-heading">
                  <h2 id="result-heading">{{E(t.Result)}}</h2>
                  <div id="panel" class="panel">
                    <p id="verdict" class="verdict" role="status" aria-live="polite"></p>
                    <div id="person" hidden>
                      <img id="portrait" class="portrait" width="{{PortraitWidth}}" height="{{PortraitHeight}}" alt="" hidden>
                      <p id="no-portrait" class="notice" hidden></p>
                      <dl id="facts"></dl>
                    </div>
                    <div id="why" hidden>
                      <h3 id="reasons-heading"></h3>
                      <ul id="reasons" aria-labelledby="reasons-heading"></ul>
                    </div>
                    <p id="clears"></p>
                  </div>
                </section>
                <p class="note">{{E(t.PrivacyNote)}}</p>
                <p><a href="{{DemoPageEndpoints.PagePath}}">{{E(t.BackToRelyingParty)}}</a></p>
              </main>
            </body>
            </html>
            """;
        DemoPageAssets.SecurityHeaders(context.Response);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
