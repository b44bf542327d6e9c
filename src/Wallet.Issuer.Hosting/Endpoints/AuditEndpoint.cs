using System.Globalization;
using Microsoft.Extensions.Options;
using Wallet.Issuer.Options;
using Wallet.Issuer.Protocol;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Endpoints;

/// <summary>
/// <c>GET /api/audit</c>: the audit trail for the agency, filtered by time, action and credential, in pages of ascending
/// sequence. The next page is asked for with <c>after</c> = the <c>next</c> of the previous answer.
/// </summary>
internal static class AuditEndpoint
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static void Map(IEndpointRouteBuilder routes, IssuerEndpoints endpoints)
    {
        routes.MapGet(endpoints.BasePath + "/api/audit", async (HttpContext context, IAuditTrail trail, IOptions<IssuerOptions> options, CancellationToken cancellationToken) =>
        {
            if (AgencyApiEndpoints.AuthorizedKey(context, options.Value) is null)
            {
                return Results.Problem(statusCode: 401, title: "A valid API key is required in the X-API-Key header.");
            }

            var (query, problems) = Parse(RequestParameters.FromQuery(context.Request));
            if (query is null)
            {
                return Results.ValidationProblem(problems!);
            }

            var entries = await trail.QueryAsync(query, cancellationToken).ConfigureAwait(false);
            return Results.Ok(new AuditPage(
                [.. entries.Select(e => new AuditPageEntry(e.Sequence, e.At, e.Actor, e.Action, e.OfferId, e.CredentialId, e.CredentialConfigurationId))],
                entries.Count == query.Limit ? entries[^1].Sequence : null));
        })
            .WithSummary("The audit trail: who created which offer and issued, revoked, suspended or unsuspended which credential, and when; never claim values. Filters: from, to (ISO 8601), action, credentialId; paged with after and limit.")
            .Produces<AuditPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    internal static (AuditQuery? Query, Dictionary<string, string[]>? Problems) Parse(RequestParameters parameters)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (parameters.Repeated is { } repeated)
        {
            problems[repeated] = ["The parameter is repeated."];
            return (null, problems);
        }

        var from = Time(parameters.Single("from"), "from", problems);
        var to = Time(parameters.Single("to"), "to", problems);
        var action = parameters.Single("action");
        if (action is not null && !AuditActions.All.Contains(action, StringComparer.Ordinal))
        {
            problems["action"] = [$"Unknown action; one of {string.Join(", ", AuditActions.All)}."];
        }

        var credentialId = parameters.Single("credentialId");
        // Ids are base64url (RandomHandle): anything else, such as invalid UTF-8 decoded to U+FFFD, names no credential.
        if (credentialId is not null && (credentialId.Length is 0 or > 64 || !credentialId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            problems["credentialId"] = ["A credential id is 1 to 64 base64url characters (A-Z, a-z, 0-9, '-', '_')."];
        }

        long after = 0;
        if (parameters.Single("after") is { } afterText && (!long.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            problems["after"] = ["The cursor is the non-negative integer 'next' of the previous page."];
        }

        var limit = DefaultLimit;
        if (parameters.Single("limit") is { } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            problems["limit"] = [$"The limit is an integer from 1 to {MaxLimit}."];
        }

        return problems.Count > 0 ? (null, problems) : (new AuditQuery(from, to, action, credentialId, after, limit), null);
    }

    private static DateTimeOffset? Time(string? text, string name, Dictionary<string, string[]> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        problems[name] = ["An ISO 8601 date and time, e.g. 2026-12-01T00:00:00Z."];
        return null;
    }
}
