namespace Wallet.Client;

/// <summary>What the wallet sent to a Verifier and where the Verifier asked it to send the user next.</summary>
/// <param name="Presented">The presented credentials, per Credential Query.</param>
/// <param name="RedirectUri">Same-device flow (OpenID4VP 1.0 §8.2): the <c>redirect_uri</c> the Verifier returned, with its <c>response_code</c>.</param>
public sealed record PresentationResult(IReadOnlyList<PresentedCredential> Presented, Uri? RedirectUri)
{
    /// <summary>
    /// The <c>response_code</c> in the fragment of <see cref="RedirectUri"/>: the relying party's frontend hands it to its
    /// backend to release the result (OpenID4VP 1.0 §13.3), which is what following the redirect achieves.
    /// </summary>
    public string? ResponseCode =>
        RedirectUri is null ? null : OpenId4VciClient.ParseQuery(RedirectUri.Fragment.TrimStart('#')).GetValueOrDefault("response_code") is { Length: > 0 } code ? code : null;
}
