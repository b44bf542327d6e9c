using System.Text.Json.Nodes;
using Wallet.Core.OpenId4Vci;

namespace Wallet.Issuer.Endpoints;

/// <summary>
/// Writes a successful Credential or Deferred Credential Response (OpenID4VCI 1.0 §8.3, §9.2): as JSON, or, when the
/// request carried <c>credential_response_encryption</c>, as a JWE (<c>application/jwt</c>) to the Wallet's key,
/// whatever the content (§8.3, §10). Error responses never come here: they are never encrypted (§8.3.1).
/// </summary>
internal static class CredentialResponseWriter
{
    public static IResult Write(HttpContext context, JsonObject body, CredentialResponseEncryption? encryption, int status = StatusCodes.Status200OK)
    {
        if (encryption is null)
        {
            return HttpResults.Json(context, body, status);
        }

        HttpResults.NoStore(context);
        var jwe = encryption.Encrypt(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()));
        return Results.Text(jwe, EncryptedCredentialMessage.MediaType, System.Text.Encoding.ASCII, status);
    }
}
