using Wallet.Core.SdJwtVc;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Endpoints;

/// <summary>
/// The Issuer's Type Metadata registry (draft-ietf-oauth-sd-jwt-vc-18 §4.3.2): <c>urn:eudi:pid:1</c> is not an https URL,
/// so its document is served at <c>{issuer}/type-metadata/{percent-encoded vct}</c>, byte for byte what
/// <c>vct#integrity</c> in the issued credentials hashes.
/// </summary>
internal static class TypeMetadataEndpoint
{
    public static void Map(IEndpointRouteBuilder routes, IssuerEndpoints endpoints)
    {
        routes.MapGet(endpoints.BasePath + "/type-metadata/{vct}", (string vct, HttpContext context) =>
        {
            if (vct != PidSdJwtVc.Vct)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "This Issuer publishes no Type Metadata for that type.");
            }

            // The document only changes with a release; consumers holding its integrity value may keep it for good (§4.3.4).
            context.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.Bytes(PidTypeMetadata.Document.ToArray(), "application/json");
        });
    }
}
