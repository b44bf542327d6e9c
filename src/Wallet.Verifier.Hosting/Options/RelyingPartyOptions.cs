namespace Wallet.Verifier.Options;

/// <summary>One relying party: its identifier, display name and the hash of its API key.</summary>
public sealed class RelyingPartyOptions
{
    /// <summary>Stable identifier; transactions belong to it.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Name for logs and the event log.</summary>
    public string? Name { get; set; }

    /// <summary>The lowercase hex SHA-256 of the API key (the key itself is never configured), e.g. from <c>printf %s "$KEY" | sha256sum</c>.</summary>
    public string ApiKeySha256 { get; set; } = string.Empty;

    /// <summary>
    /// The lowest level of assurance this relying party accepts (<c>Low</c>, <c>Substantial</c>, <c>High</c>): a credential
    /// whose issuer chains to a trust anchor tagged lower, or not tagged, is rejected with
    /// <c>verifier.level_of_assurance_too_low</c>. Null accepts any verified credential.
    /// </summary>
    public Wallet.Core.Trust.LevelOfAssurance? MinimumLevelOfAssurance { get; set; }

    /// <summary>Where to POST a signed notification when one of this party's transactions is verified or rejected; null for none (<see cref="Webhooks.WebhookOptions"/>).</summary>
    public Webhooks.WebhookOptions? Webhook { get; set; }
}
