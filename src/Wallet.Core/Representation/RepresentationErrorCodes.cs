namespace Wallet.Core.Representation;

/// <summary>Why <see cref="RepresentationPolicy"/> refused "A acts for B": one code per failed check.</summary>
public static class RepresentationErrorCodes
{
    /// <summary>No verified PID of the person acting was presented with the representation.</summary>
    public const string PidMissing = "representation.pid_missing";

    /// <summary>No verified representation attestation was presented.</summary>
    public const string RepresentationMissing = "representation.missing";

    /// <summary>The representation's attributes are missing or malformed (the message names the attribute).</summary>
    public const string Malformed = "representation.malformed";

    /// <summary>The PID or the representation was presented without a verified proof of possession (KB-JWT, deviceSignature).</summary>
    public const string HolderBindingMissing = "representation.holder_binding_missing";

    /// <summary>The representative named in the representation is not the person of the presented PID.</summary>
    public const string RepresentativeNotPidPerson = "representation.representative_not_pid_person";

    /// <summary>The representation is for another represented party than the one the relying party deals with.</summary>
    public const string RepresentedMismatch = "representation.represented_mismatch";

    /// <summary>The representation neither gives full powers nor names the relying party's service.</summary>
    public const string ScopeNotCovered = "representation.scope_not_covered";

    /// <summary>The representation's effective-from date is in the future.</summary>
    public const string NotYetEffective = "representation.not_yet_effective";

    /// <summary>The representation's effective-until date has passed.</summary>
    public const string Expired = "representation.expired";

    /// <summary>The representation's status-list entry says revoked or suspended (withdrawn by the represented person or the agency).</summary>
    public const string Revoked = "representation.revoked";

    /// <summary>The representation's status was not checked; a representation must be revocable, so this fails closed.</summary>
    public const string StatusUnchecked = "representation.status_unchecked";
}
