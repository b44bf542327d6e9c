namespace Wallet.Core.OpenId4Vci;

/// <summary>What the Credential Request expects of one key attestation.</summary>
public sealed record KeyAttestationExpectations
{
    /// <summary>The configuration's <c>key_attestations_required</c>, whose accepted levels the attestation must state; null for none.</summary>
    public KeyAttestationRequirement? Requirement { get; init; }

    /// <summary>
    /// The <c>c_nonce</c> the attestation's <c>nonce</c> must equal (the <c>jwt</c> proof's own nonce, Appendix F.1); null
    /// when the attestation's nonce is itself the one to consume (<c>attestation</c> proof type, Appendix F.3).
    /// </summary>
    public string? Nonce { get; init; }

    /// <summary>Require a <c>nonce</c>: true whenever the issuer has a Nonce Endpoint (Appendix F.1, F.3).</summary>
    public bool RequireNonce { get; init; } = true;

    /// <summary>Require <c>exp</c>: true when the attestation came in a <c>jwt</c> proof (Appendix D.1).</summary>
    public bool RequireExpiry { get; init; }
}
