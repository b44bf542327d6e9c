namespace Wallet.Core.AgeVerification;

/// <summary>Why an age gate answered no although the presentation itself verified (<see cref="AgeGate.TryDecide"/>).</summary>
public static class AgeGateErrorCodes
{
    /// <summary>The attestation states the <c>age_over_NN</c> asked for as false (ISO/IEC 18013-5 §7.2.5).</summary>
    public const string UnderAge = "age_gate.under_age";

    /// <summary>The verified document has no boolean <c>age_over_NN</c> element for the age asked for.</summary>
    public const string StatementMissing = "age_gate.statement_missing";

    /// <summary>The verified document is not an age verification attestation (<c>eu.europa.ec.av.1</c>).</summary>
    public const string WrongDocType = "age_gate.wrong_doctype";
}
