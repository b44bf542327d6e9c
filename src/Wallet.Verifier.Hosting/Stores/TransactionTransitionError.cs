namespace Wallet.Verifier.Stores;

/// <summary>Why a transaction could not make a move: a wallet or relying-party request that came at the wrong time, not a defect.</summary>
/// <param name="Code">One of <see cref="TransactionErrorCodes"/>.</param>
/// <param name="From">The status the transaction had.</param>
/// <param name="To">The status the request asked for.</param>
/// <param name="Description">For the event log and the wallet's <c>error_description</c>; no personal data.</param>
public sealed record TransactionTransitionError(string Code, TransactionStatus From, TransactionStatus To, string Description);
