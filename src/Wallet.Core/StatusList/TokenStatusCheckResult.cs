using System.Diagnostics.CodeAnalysis;

namespace Wallet.Core.StatusList;

/// <summary>The outcome of a status check: the status value read from a verified list, or the reasons none could be read.</summary>
public sealed class TokenStatusCheckResult
{
    private TokenStatusCheckResult(byte? status, IReadOnlyList<VerificationError> errors)
    {
        Status = status;
        Errors = errors;
    }

    /// <summary>The raw status value (0–255) when the list was fetched and verified.</summary>
    public byte? Status { get; }

    /// <summary>True when a status value was read from a verified Status List Token.</summary>
    [MemberNotNullWhen(true, nameof(Status))]
    public bool IsChecked => Status is not null;

    /// <summary>True only when the list was verified and the entry is <see cref="TokenStatus.Valid"/>.</summary>
    public bool IsValid => Status == (byte)TokenStatus.Valid;

    /// <summary>Why no status could be read; empty when <see cref="IsChecked"/>.</summary>
    public IReadOnlyList<VerificationError> Errors { get; }

    /// <summary>A status read from a verified list.</summary>
    public static TokenStatusCheckResult Checked(byte status) => new(status, []);

    /// <summary>No status could be established.</summary>
    public static TokenStatusCheckResult Failed(IReadOnlyList<VerificationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A failed check needs at least one error.", nameof(errors));
        }

        return new(null, errors);
    }
}
