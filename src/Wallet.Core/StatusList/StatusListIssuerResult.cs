using System.Diagnostics.CodeAnalysis;

namespace Wallet.Core.StatusList;

/// <summary>The outcome of an issuer-side list operation: the entry concerned, or why the operation was refused.</summary>
public sealed class StatusListIssuerResult
{
    private StatusListIssuerResult(StatusListReference? reference, VerificationError? error)
    {
        Reference = reference;
        Error = error;
    }

    /// <summary>True when the operation was applied.</summary>
    [MemberNotNullWhen(true, nameof(Reference))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>The entry allocated or updated; put it in the Referenced Token's <c>status</c> claim.</summary>
    public StatusListReference? Reference { get; }

    /// <summary>Why the operation was refused.</summary>
    public VerificationError? Error { get; }

    internal static StatusListIssuerResult Success(StatusListReference reference) => new(reference, null);

    internal static StatusListIssuerResult Failure(string code, string message) => new(null, new VerificationError(code, message));
}
