using Wallet.Core.AgeVerification;
using Wallet.Verifier.Endpoints;
using Wallet.Verifier.Transactions;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier.AgeChecks;

/// <summary>Turns the result of an age-gate transaction into yes or no (<see cref="AgeGate.TryDecide"/>).</summary>
internal sealed class AgeCheckReader(PresentationResultReader results) : IRelyingPartyCheckReader<AgeCheckView>
{
    /// <summary>The answer, or null when the transaction is unknown, another relying party's, or not an age check.</summary>
    public async ValueTask<AgeCheckView?> GetAsync(string relyingPartyId, string transactionId, string? responseCode, CancellationToken cancellationToken)
    {
        var transaction = await results.FindAsync(relyingPartyId, transactionId, cancellationToken).ConfigureAwait(false);
        if (transaction is null || !AgeGate.TryReadAge(StoredTransaction.QueryOf(transaction), out var age))
        {
            return null;
        }

        var status = await results.GetStatusAsync(transaction, responseCode, cancellationToken).ConfigureAwait(false);
        switch (status.Status)
        {
            case "verified":
                var document = status.Credentials.GetValueOrDefault(AgeGate.CredentialQueryId) is [var first, ..] ? first : null;
                if (document is null)
                {
                    return new("decided", age, false, [new(AgeGateErrorCodes.StatementMissing, "No age verification attestation was presented.")]);
                }

                return AgeGate.TryDecide(age, document.Doctype, document.Claims, out var error)
                    ? new("decided", age, true, [])
                    : new("decided", age, false, [ResultError.From(error)]);
            case "rejected":
                return new("decided", age, false, status.Errors);
            default:
                return new(status.Status, age, null, []);
        }
    }
}
