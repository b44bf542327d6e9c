using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wallet.Hosting.Pages;

namespace Wallet.Hosting.Statistics;

/// <summary>
/// The statistics outputs of a service: the page and the public JSON under <c>{page}</c>, the JSON and CSV export under
/// <c>{api}</c>. Every output is the same suppressed report (<c>specs/statistics.md</c>).
/// </summary>
internal static class StatisticsEndpoints
{
    public const string ApiKeyHeader = "X-API-Key";
    public const string InvalidPeriod = "statistics.invalid_period";

    /// <summary>Maps <c>{pagePath}</c> (the page) and <c>{pagePath}/public.json</c>.</summary>
    public static void MapPage(IEndpointRouteBuilder routes, string pagePath, StatisticsSource source)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(source);
        routes.MapGet(pagePath, async (HttpContext context, CancellationToken cancellationToken) =>
        {
            var options = source.Options(context.RequestServices);
            var full = IsAuthorized(context, options);
            if (!full && !options.Public)
            {
                return Unauthorized(context);
            }

            var (report, problem) = await BuildAsync(context, source, options, publicSubset: !full, cancellationToken).ConfigureAwait(false);
            if (report is null)
            {
                return problem!;
            }

            context.Response.Headers.CacheControl = full ? "no-store" : "public, max-age=300";
            // No script, no style; the Issuer's own policy (set when the response starts) is as strict and replaces this one.
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
            return Results.Content(StatisticsPage.Render(report, StatisticsTexts.Text.For(context), PageLocalization.LanguageOf(context).Code, PageLocalization.LanguageSwitchHtml(context), source.ServiceName, source.CrossTitleKey), "text/html; charset=utf-8", Encoding.UTF8);
        }).ExcludeFromDescription();

        routes.MapGet(pagePath + "/public.json", async (HttpContext context, CancellationToken cancellationToken) =>
        {
            var options = source.Options(context.RequestServices);
            if (!options.Public)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "The public statistics are switched off.");
            }

            var (report, problem) = await BuildAsync(context, source, options, publicSubset: true, cancellationToken).ConfigureAwait(false);
            return report is null ? problem! : Results.Bytes(StatisticsExport.Json(report), "application/json");
        }).ExcludeFromDescription();
    }

    /// <summary>Maps <c>{apiPath}</c> (JSON) and <c>{apiPath}.csv</c>, both behind a statistics key; returns them for OpenAPI metadata.</summary>
    public static (RouteHandlerBuilder Json, RouteHandlerBuilder Csv) MapApi(IEndpointRouteBuilder routes, string apiPath, StatisticsSource source)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(source);
        var json = routes.MapGet(apiPath, async (HttpContext context, string? from, string? to, CancellationToken cancellationToken) =>
        {
            var options = source.Options(context.RequestServices);
            if (!IsAuthorized(context, options))
            {
                return Unauthorized(context);
            }

            var (report, problem) = await BuildAsync(context, source, options, publicSubset: false, cancellationToken).ConfigureAwait(false);
            context.Response.Headers.CacheControl = "no-store";
            return report is null ? problem! : Results.Bytes(StatisticsExport.Json(report), "application/json");
        })
            .WithSummary("Usage statistics of a period (UTC days from..to, default the last 90 days) as JSON; small numbers suppressed (null), with their complement.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        var csv = routes.MapGet(apiPath + ".csv", async (HttpContext context, string? from, string? to, CancellationToken cancellationToken) =>
        {
            var options = source.Options(context.RequestServices);
            if (!IsAuthorized(context, options))
            {
                return Unauthorized(context);
            }

            var (report, problem) = await BuildAsync(context, source, options, publicSubset: false, cancellationToken).ConfigureAwait(false);
            context.Response.Headers.CacheControl = "no-store";
            return report is null ? problem! : Results.Text(StatisticsExport.Csv(report), "text/csv; charset=utf-8", Encoding.UTF8);
        })
            .WithSummary("The same statistics as CSV: table,row,column,count,suppressed (suppressed counts are empty).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return (json, csv);
    }

    private static async ValueTask<(StatisticsReport? Report, IResult? Problem)> BuildAsync(HttpContext context, StatisticsSource source, StatisticsOptions options, bool publicSubset, CancellationToken cancellationToken)
    {
        var clock = context.RequestServices.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (fromValues, toValues) = (context.Request.Query["from"], context.Request.Query["to"]);
        var error = fromValues.Count > 1 || toValues.Count > 1 ? "from and to may each be given once." : null;
        if (error is not null || !TryParsePeriod(fromValues, toValues, today, options.MaxDays, out var from, out var to, out error))
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: error, type: null, extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = InvalidPeriod }));
        }

        var counts = await source.Read(context.RequestServices, from, to, cancellationToken).ConfigureAwait(false);
        return (StatisticsReportBuilder.Build(counts, from, to, source.Shape, options.SuppressionThreshold, publicSubset), null);
    }

    /// <summary>The period of a request: <c>from</c> and <c>to</c> as <c>YYYY-MM-DD</c>, by default the last 90 days up to today.</summary>
    internal static bool TryParsePeriod(string? fromText, string? toText, DateOnly today, int maxDays, out DateOnly from, out DateOnly to, out string error)
    {
        error = string.Empty;
        from = default;
        to = today;
        if (!string.IsNullOrEmpty(toText) && !DateOnly.TryParseExact(toText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out to))
        {
            error = "to must be a date YYYY-MM-DD.";
            return false;
        }

        from = to.AddDays(-89);
        if (!string.IsNullOrEmpty(fromText) && !DateOnly.TryParseExact(fromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out from))
        {
            error = "from must be a date YYYY-MM-DD.";
            return false;
        }

        if (from > to)
        {
            error = "from must not be after to.";
            return false;
        }

        if (to.DayNumber - from.DayNumber + 1 > maxDays)
        {
            error = $"The period may span at most {maxDays} days.";
            return false;
        }

        return true;
    }

    private static bool IsAuthorized(HttpContext context, StatisticsOptions options)
    {
        var presented = context.Request.Headers[ApiKeyHeader];
        if (presented.Count != 1 || string.IsNullOrEmpty(presented[0]) || presented[0]!.Length > 512)
        {
            return false;
        }

        var hash = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(presented[0]!))));
        var match = false;
        foreach (var key in options.ApiKeys)
        {
            match |= CryptographicOperations.FixedTimeEquals(hash, Encoding.ASCII.GetBytes(key.Sha256));
        }

        return match;
    }

    private static IResult Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyHeader}\"";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: $"A statistics API key is required in the {ApiKeyHeader} header.");
    }
}
