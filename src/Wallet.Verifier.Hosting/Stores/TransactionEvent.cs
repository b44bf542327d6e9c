namespace Wallet.Verifier.Stores;

/// <summary>One entry of a transaction's event log: what happened and which checks failed, never personal data.</summary>
/// <param name="At">When.</param>
/// <param name="Type">What, e.g. <c>created</c>, <c>request_fetched</c>, <c>response_received</c>, <c>replay_rejected</c>.</param>
/// <param name="Detail">Error codes or step names; no claim values.</param>
public sealed record TransactionEvent(DateTimeOffset At, string Type, string? Detail = null);
