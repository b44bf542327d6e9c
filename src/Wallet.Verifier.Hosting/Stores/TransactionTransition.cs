namespace Wallet.Verifier.Stores;

/// <summary>
/// One allowed state change, as a store applies it: compare-and-swap from <see cref="From"/> to <see cref="To"/>. Only
/// <see cref="TransactionTransitions"/> makes these, so a store can only ever be asked for a move the table allows.
/// </summary>
public sealed record TransactionTransition
{
    internal TransactionTransition(TransactionStatus from, TransactionStatus to, string? resultJson, byte[]? responseCodeHash)
    {
        From = from;
        To = to;
        ResultJson = resultJson;
        ResponseCodeHash = responseCodeHash;
    }

    /// <summary>The status the transaction must still have; when it has another, the store changes nothing.</summary>
    public TransactionStatus From { get; }

    /// <summary>The new status.</summary>
    public TransactionStatus To { get; }

    /// <summary>True when <see cref="To"/> is final: the store writes <see cref="ResultJson"/> and <see cref="ResponseCodeHash"/> with it.</summary>
    public bool IsCompletion => TransactionTransitions.IsFinal(To);

    /// <summary>The verification result JSON of a completion; null otherwise.</summary>
    public string? ResultJson { get; }

    /// <summary>SHA-256 of the same-device response code of a verified or rejected response, if any (OpenID4VP 1.0 §14.2).</summary>
    public byte[]? ResponseCodeHash { get; }
}
