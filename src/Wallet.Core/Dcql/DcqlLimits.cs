namespace Wallet.Core.Dcql;

/// <summary>Size, count and nesting limits applied when parsing a DCQL query.</summary>
public sealed record DcqlLimits
{
    /// <summary>Defaults far above any real request: 64 KiB, 16 levels, 64 Credential Queries of up to 128 claims.</summary>
    public static DcqlLimits Default { get; } = new();

    /// <summary>Largest accepted query, in UTF-8 bytes of its JSON text.</summary>
    public int MaxQueryBytes { get; init; } = 64 * 1024;

    /// <summary>Deepest accepted JSON nesting; the root object is level 1.</summary>
    public int MaxDepth { get; init; } = 16;

    /// <summary>Most Credential Queries in <c>credentials</c>.</summary>
    public int MaxCredentials { get; init; } = 64;

    /// <summary>Most Claims Queries in one Credential Query's <c>claims</c>.</summary>
    public int MaxClaims { get; init; } = 128;

    /// <summary>Most components in one claims path pointer.</summary>
    public int MaxPathLength { get; init; } = 16;

    /// <summary>Most entries in any other array (<c>credential_sets</c>, <c>options</c>, <c>claim_sets</c>, <c>values</c>, <c>vct_values</c>, <c>trusted_authorities</c>, …).</summary>
    public int MaxArrayItems { get; init; } = 64;
}
