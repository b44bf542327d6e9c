using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Wallet.Core.Pid;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Core.Credentials;

/// <summary>
/// The outcome of verifying one credential, the same surface for every format (SD-JWT VC and mdoc): every failed
/// check, the status, the validated Issuer chain, the Issuer, the level of assurance, the holder binding, and the
/// person's claims apart from the technical ones, with a typed read-back to the PID.
/// </summary>
/// <remarks>
/// Everything read from the credential (claims, holder key, chain) is handed out only when <see cref="IsValid"/>:
/// an unverified value is never returned. <see cref="Errors"/> means the same in both formats: every failed check of
/// this credential, each with its stable code.
/// </remarks>
public abstract class CredentialVerificationResult
{
    private protected CredentialVerificationResult(
        string format,
        IReadOnlyList<VerificationError> errors,
        CredentialStatus status,
        StatusListReference? statusReference,
        IReadOnlyList<X509Certificate2> issuerChain,
        TrustAnchor? trustAnchor,
        LevelOfAssurance? levelOfAssurance,
        string? issuer,
        HolderBinding holderBinding,
        JsonObject? claims,
        JsonObject? technicalClaims)
    {
        Format = format;
        Errors = errors;
        Status = status;
        StatusReference = statusReference;
        var valid = errors.Count == 0 && claims is not null;
        IssuerChain = valid ? issuerChain : [];
        TrustAnchor = valid ? trustAnchor : null;
        LevelOfAssurance = valid ? levelOfAssurance : null;
        Issuer = issuer;
        HolderBinding = valid || holderBinding.Outcome != HolderBindingOutcome.Verified
            ? holderBinding
            : new HolderBinding(HolderBindingOutcome.NotEstablished);
        Claims = valid ? claims : null;
        TechnicalClaims = valid ? technicalClaims : null;
    }

    /// <summary>The OpenID4VP Credential Format Identifier: <c>dc+sd-jwt</c> or <c>mso_mdoc</c>.</summary>
    public string Format { get; }

    /// <summary>True when every check passed.</summary>
    [MemberNotNullWhen(true, nameof(Claims), nameof(TechnicalClaims))]
    public bool IsValid => Errors.Count == 0 && Claims is not null && TechnicalClaims is not null;

    /// <summary>Every failed check of this credential, each with its stable code; empty when valid.</summary>
    public IReadOnlyList<VerificationError> Errors { get; }

    /// <summary>The Token Status List status found (<see cref="CredentialStatus.None"/> without a reference).</summary>
    public CredentialStatus Status { get; }

    /// <summary>The Token Status List entry the credential points to, if any.</summary>
    public StatusListReference? StatusReference { get; }

    /// <summary>
    /// The validated Issuer certificate chain (SD-JWT VC <c>x5c</c>, mdoc <c>x5chain</c>), leaf first and ending with
    /// the trust anchor's certificate; empty unless valid, and empty when the Issuer key was not taken from a certificate
    /// (an SD-JWT VC verified with Issuer metadata or a configured key).
    /// </summary>
    public IReadOnlyList<X509Certificate2> IssuerChain { get; }

    /// <summary>The Issuer's signing certificate: the leaf of <see cref="IssuerChain"/>, when there is one.</summary>
    public X509Certificate2? IssuerCertificate => IssuerChain.Count > 0 ? IssuerChain[0] : null;

    /// <summary>The trust anchor the Issuer chain validated to, when there is one; null unless valid.</summary>
    public TrustAnchor? TrustAnchor { get; }

    /// <summary>
    /// Who issued the credential, as the credential names it: the SD-JWT VC <c>iss</c> claim; for an mdoc, which
    /// carries no issuer identifier, the document signer certificate's subject.
    /// </summary>
    public string? Issuer { get; }

    /// <summary>
    /// The eIDAS level of assurance of the credential. Neither format carries one (the PID Rule Book defines no such
    /// attribute): it is the level the trust anchor of <see cref="IssuerChain"/> is tagged with in the verifier's
    /// configuration (for instance, anchors from the PID Providers' trusted list tagged <see cref="Trust.LevelOfAssurance.High"/>).
    /// An SD-JWT VC Issuer key resolver may state it for keys that come without a chain. Null unless valid, or when the
    /// anchor is untagged.
    /// </summary>
    public LevelOfAssurance? LevelOfAssurance { get; }

    /// <summary>The holder-binding outcome, with the key when the holder proved possession of it.</summary>
    public HolderBinding HolderBinding { get; }

    /// <summary>
    /// The claims about the person (given_name, birthdate, …), without the technical ones; null unless valid. SD-JWT VC:
    /// the processed payload without <see cref="TechnicalClaims"/>; mdoc: <c>{ namespace: { element: value } }</c>.
    /// </summary>
    public JsonObject? Claims { get; }

    /// <summary>
    /// The technical claims that describe the credential rather than the person; null unless valid. SD-JWT VC: the
    /// registered ones (<c>iss</c>, <c>iat</c>, <c>exp</c>, <c>cnf</c>, <c>status</c>, <c>vct</c>, …); mdoc: <c>docType</c>,
    /// <c>validityInfo</c> and the MSO <c>status</c>.
    /// </summary>
    public JsonObject? TechnicalClaims { get; }

    /// <summary>Reads the verified credential back into the PID record it encodes.</summary>
    /// <exception cref="InvalidOperationException">
    /// The credential is not valid, is not a PID, or lacks a mandatory PID attribute (for instance because it was not disclosed);
    /// the message names which.
    /// </exception>
    public PersonIdentificationData ToPid() =>
        TryGetPid(out var pid, out var problem) ? pid : throw new InvalidOperationException(problem);

    /// <summary>Reads the verified credential back into the PID record it encodes.</summary>
    /// <param name="pid">The PID, when it could be read.</param>
    /// <param name="problem">Why not, otherwise: invalid credential, not a PID, a mandatory attribute absent or of the wrong type.</param>
    public bool TryGetPid([NotNullWhen(true)] out PersonIdentificationData? pid, [NotNullWhen(false)] out string? problem)
    {
        if (!IsValid)
        {
            pid = null;
            problem = $"The credential did not verify ({Errors.Count} failed check(s)); only a valid credential is read back.";
            return false;
        }

        return TryReadPid(out pid, out problem);
    }

    /// <summary>Maps the verified claims of a valid credential to the PID, per the format's PID encoding.</summary>
    private protected abstract bool TryReadPid([NotNullWhen(true)] out PersonIdentificationData? pid, [NotNullWhen(false)] out string? problem);
}
