namespace Wallet.Issuer.Options;

/// <summary>
/// The key attestation a credential configuration requires (OpenID4VCI 1.0 §12.2.4 <c>key_attestations_required</c>,
/// Appendix D; HAIP 1.0 §4.5.1). Each list names the accepted attack potential resistance values, e.g.
/// <c>iso_18045_high</c>; an empty list accepts any value, and both empty require a key attestation without constraint.
/// </summary>
public sealed class KeyAttestationsRequiredOptions
{
    /// <summary>Accepted <c>key_storage</c> values (Appendix D.2).</summary>
    public List<string> KeyStorage { get; set; } = [];

    /// <summary>Accepted <c>user_authentication</c> values (Appendix D.2).</summary>
    public List<string> UserAuthentication { get; set; } = [];
}
