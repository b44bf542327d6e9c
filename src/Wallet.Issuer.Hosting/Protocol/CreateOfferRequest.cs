using System.Text.Json;

namespace Wallet.Issuer.Protocol;

/// <summary>The agency API's body of <c>POST /api/offers</c>.</summary>
public sealed class CreateOfferRequest
{
    /// <summary>The credential configurations to offer; default: every configured one.</summary>
    public List<string>? CredentialConfigurationIds { get; set; }

    /// <summary>The subject's identifier in the authentic source; exclusive with <see cref="Claims"/>.</summary>
    public string? PersonId { get; set; }

    /// <summary>The subject's PID inline, in SD-JWT VC claim names; exclusive with <see cref="PersonId"/>.</summary>
    public JsonElement? Claims { get; set; }

    /// <summary>Protect the offer with a numeric transaction code delivered to the user out of band.</summary>
    public bool TxCode { get; set; }

    /// <summary>
    /// Offer the <c>authorization_code</c> grant with an <c>issuer_state</c> instead of a pre-authorized code: the
    /// wallet sends the user through the authorization endpoint, and the signed-in person must be <see cref="PersonId"/>.
    /// Needs <see cref="PersonId"/>; excludes <see cref="TxCode"/>.
    /// </summary>
    public bool AuthorizationCode { get; set; }
}
