using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Endpoints;

/// <summary>Discovery: issuer metadata (OpenID4VCI §12.2.2), authorization server metadata (RFC 8414), JWT VC issuer metadata, JWKS.</summary>
internal static class MetadataEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, IssuerEndpoints endpoints)
    {
        routes.MapGet(endpoints.WellKnownPath("openid-credential-issuer"), (MetadataDocuments documents) =>
            HttpResults.Document(documents.CredentialIssuerDocument()));
        routes.MapGet(endpoints.WellKnownPath("oauth-authorization-server"), (MetadataDocuments documents) =>
            HttpResults.Document(documents.AuthorizationServer()));
        routes.MapGet(endpoints.WellKnownPath("jwt-vc-issuer"), (MetadataDocuments documents) =>
            HttpResults.Document(documents.JwtVcIssuer()));
        routes.MapGet(endpoints.BasePath + "/jwks", (MetadataDocuments documents) =>
            HttpResults.Document(documents.Jwks(), "application/jwk-set+json"));
    }
}
