using Wallet.Verifier.Stores;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Page;

/// <summary>What the relying-party page polls: the result, the checks that passed, every failed check and the event log.</summary>
/// <param name="Status"><c>pending</c>, <c>verified</c>, <c>rejected</c> or <c>expired</c>.</param>
/// <param name="ExpiresAt">When the transaction stops accepting a response.</param>
/// <param name="Credentials">Verified credentials per DCQL Credential Query id; empty unless verified.</param>
/// <param name="Checks">The checks every verified credential passed; empty unless verified.</param>
/// <param name="Errors">Every failed check when rejected.</param>
/// <param name="Events">The transaction's event log (no personal data).</param>
public sealed record DemoResultView(
    string Status,
    DateTimeOffset ExpiresAt,
    IReadOnlyDictionary<string, IReadOnlyList<VerifiedCredential>> Credentials,
    IReadOnlyList<DemoCheck> Checks,
    IReadOnlyList<ResultError> Errors,
    IReadOnlyList<TransactionEvent> Events);
