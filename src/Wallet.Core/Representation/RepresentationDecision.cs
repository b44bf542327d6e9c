using System.Diagnostics.CodeAnalysis;

namespace Wallet.Core.Representation;

/// <summary>The answer of <see cref="RepresentationPolicy"/>: "A acts for B with scope S", or every failed check.</summary>
public sealed record RepresentationDecision
{
    /// <summary>The representation, when it could be read.</summary>
    public PowerOfRepresentation? Representation { get; init; }

    /// <summary>Every failed check with its code (<see cref="RepresentationErrorCodes"/>); empty when accepted.</summary>
    public IReadOnlyList<VerificationError> Errors { get; init; } = [];

    /// <summary>True when nothing failed.</summary>
    [MemberNotNullWhen(true, nameof(Representation), nameof(Statement))]
    public bool IsAccepted => Errors.Count == 0 && Representation is not null;

    /// <summary>"Kari Nordmann acts for Ola Nordmann with scope full powers (parental_responsibility)", when accepted.</summary>
    public string? Statement => Errors.Count == 0 && Representation is { } r
        ? $"{r.Representative} acts for {r.Represented} with scope {r.ScopeText} ({r.Nature})"
        : null;
}
