namespace Wallet.Interop.Tests.SdJwt;

/// <summary>How the peer issues and presents <see cref="InteropCredential"/>.</summary>
public sealed record PeerIssuance
{
    /// <summary>Sign with this PKI's issuer key and send <c>x5c</c>; null: the peer makes its own issuer key.</summary>
    public InteropPki? Pki { get; init; }

    /// <summary>The KB-JWT nonce; null presents without Key Binding.</summary>
    public string? Nonce { get; init; } = InteropCredential.Nonce;

    /// <summary>The KB-JWT aud.</summary>
    public string Audience { get; init; } = InteropCredential.Audience;

    /// <summary>The <c>_sd_alg</c> (RFC 9901 §4.1.1).</summary>
    public string HashAlgorithm { get; init; } = "sha-256";

    /// <summary>The subject's claims; <see cref="InteropCredential.Claims"/> when null.</summary>
    public System.Text.Json.Nodes.JsonObject? Claims { get; init; }

    /// <summary>What is selectively disclosable; <see cref="InteropCredential.PeerDisclosureFrame"/> when null.</summary>
    public System.Text.Json.Nodes.JsonObject? DisclosureFrame { get; init; }

    /// <summary>What the peer presents; <see cref="InteropCredential.PeerPresentationFrame"/> when null.</summary>
    public System.Text.Json.Nodes.JsonObject? PresentationFrame { get; init; }

    /// <summary>A header <c>typ</c> instead of sd-jwt-js's own <c>dc+sd-jwt</c>.</summary>
    public string? Type { get; init; }

    /// <summary>How long before now the KB-JWT says it was made (its <c>iat</c>).</summary>
    public TimeSpan KeyBindingAge { get; init; }
}
