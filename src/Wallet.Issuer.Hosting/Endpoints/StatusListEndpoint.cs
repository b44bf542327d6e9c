using Microsoft.Net.Http.Headers;
using Wallet.Core.StatusList;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Endpoints;

/// <summary>
/// The public Status List Tokens (draft-ietf-oauth-status-list §8.1) that relying parties fetch, in JWT (§5.1) or CWT
/// (§5.2) form by content negotiation on <c>Accept</c>.
/// </summary>
internal static class StatusListEndpoint
{
    public static void Map(IEndpointRouteBuilder routes, IssuerEndpoints endpoints)
    {
        routes.MapGet(endpoints.BasePath + "/status-lists/{id}", async (string id, HttpContext context, StatusListProvider statusLists, CancellationToken cancellationToken) =>
        {
            // The answer depends on Accept, so caches must keep the forms apart (RFC 9110 §12.5.5).
            context.Response.Headers.Vary = HeaderNames.Accept;
            if (PrefersCwt(context.Request))
            {
                var cwt = await statusLists.CwtAsync(id, cancellationToken).ConfigureAwait(false);
                return cwt is null ? NotFound() : Results.Bytes(cwt, StatusListMediaTypes.Cwt);
            }

            var token = await statusLists.TokenAsync(id, cancellationToken).ConfigureAwait(false);
            return token is null ? NotFound() : Results.Text(token, StatusListMediaTypes.Jwt);
        });
    }

    /// <summary>
    /// True when <c>Accept</c> ranks <c>application/statuslist+cwt</c> above <c>application/statuslist+jwt</c>. JWT is the
    /// default (no <c>Accept</c>, <c>*/*</c>, a tie), because SD-JWT VC §2.2.2.3 wants the JWT form for its credentials.
    /// </summary>
    internal static bool PrefersCwt(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        double cwt = 0, jwt = 0;
        foreach (var range in accept)
        {
            var quality = range.Quality ?? 1.0;
            if (range.MediaType.Equals(StatusListMediaTypes.Cwt, StringComparison.OrdinalIgnoreCase))
            {
                cwt = Math.Max(cwt, quality);
            }
            else if (range.MediaType.Equals(StatusListMediaTypes.Jwt, StringComparison.OrdinalIgnoreCase))
            {
                jwt = Math.Max(jwt, quality);
            }
        }

        return cwt > jwt;
    }

    private static IResult NotFound() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No status list has this id.");
}
