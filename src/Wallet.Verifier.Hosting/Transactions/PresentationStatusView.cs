using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Transactions;

/// <summary>The answer to <c>GET /api/presentations/{transactionId}</c>.</summary>
/// <param name="Status"><c>pending</c>, <c>verified</c>, <c>rejected</c> or <c>expired</c>.</param>
/// <param name="Credentials">Verified credentials per DCQL Credential Query id; empty unless verified.</param>
/// <param name="Errors">Every failed check when rejected.</param>
public sealed record PresentationStatusView(string Status, IReadOnlyDictionary<string, IReadOnlyList<VerifiedCredential>> Credentials, IReadOnlyList<ResultError> Errors);
