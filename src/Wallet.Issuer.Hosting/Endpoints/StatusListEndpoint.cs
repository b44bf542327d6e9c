using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Endpoints;

/// <summary>The public Status List Tokens (draft-ietf-oauth-status-list §8.1) that relying parties fetch.</summary>
internal static class StatusListEndpoint
{
    public static void Map(IEndpointRouteBuilder routes, IssuerEndpoints endpoints)
    {
        routes.MapGet(endpoints.BasePath + "/status-lists/{id}", async (string id, StatusListProvider statusLists, CancellationToken cancellationToken) =>
        {
            var token = await statusLists.TokenAsync(id, cancellationToken).ConfigureAwait(false);
            return token is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No status list has this id.")
                : Results.Text(token, Wallet.Core.StatusList.StatusListMediaTypes.Jwt);
        });
    }

}
