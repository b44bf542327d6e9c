using System.Text.Json.Nodes;

namespace Wallet.Verifier.Webhooks;

/// <summary>
/// The notification a relying party's webhook receives: a JWS (compact, <c>application/jwt</c>) of <c>typ</c>
/// <see cref="Type"/> signed with the Verifier's request-signing key (its certificate chain in <c>x5c</c>, the same
/// chain as in every Request Object). Its claims are <c>iss</c> (the Verifier's base URL), <c>aud</c> (the relying
/// party id), <c>iat</c>, <c>jti</c> (one per delivery, the same on every retry, so a receiver can drop duplicates),
/// <c>transaction_id</c>, <c>status</c> (<c>verified</c> or <c>rejected</c>) and <c>result_uri</c>. It carries no
/// credential and no claim: the relying party fetches those from <c>result_uri</c> with its API key (and, for
/// same-device flows, the <c>response_code</c>, OpenID4VP 1.0 §14.2), so a misdirected or logged notification
/// discloses nothing about the person.
/// </summary>
internal static class WebhookNotification
{
    public const string Type = "verifier-notification+jwt";

    public static string Payload(Uri issuer, string relyingPartyId, DateTimeOffset issuedAt, string deliveryId, string transactionId, string status, Uri resultUri) =>
        new JsonObject
        {
            ["iss"] = issuer.AbsoluteUri.TrimEnd('/'),
            ["aud"] = relyingPartyId,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["jti"] = deliveryId,
            ["transaction_id"] = transactionId,
            ["status"] = status,
            ["result_uri"] = resultUri.AbsoluteUri,
        }.ToJsonString();
}
