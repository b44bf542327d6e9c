namespace Wallet.Core.Claims;

/// <summary>
/// One component of a claims path pointer (OpenID4VP 1.0 §7): an object member name, an array index,
/// or "every element of the array" (JSON <c>null</c>).
/// </summary>
public readonly record struct ClaimPathSegment
{
    private ClaimPathSegment(string? name, int index, bool all)
    {
        Name = name;
        Index = index;
        IsAllElements = all;
    }

    /// <summary>The member name, when this segment selects an object member.</summary>
    public string? Name { get; }

    /// <summary>The array index, when this segment selects one array element; otherwise -1.</summary>
    public int Index { get; }

    /// <summary>True when this segment selects every element of an array.</summary>
    public bool IsAllElements { get; }

    /// <summary>True when this segment selects an object member.</summary>
    public bool IsName => Name is not null;

    /// <summary>True when this segment selects one array element.</summary>
    public bool IsIndex => Index >= 0;

    /// <summary>A segment that selects the object member <paramref name="name"/>.</summary>
    public static ClaimPathSegment Member(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new(name, -1, false);
    }

    /// <summary>A segment that selects the array element at <paramref name="index"/>.</summary>
    public static ClaimPathSegment Element(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new(null, index, false);
    }

    /// <summary>A segment that selects every element of an array.</summary>
    public static ClaimPathSegment AllElements { get; } = new(null, -1, true);

    /// <inheritdoc />
    public override string ToString() => IsName ? Name! : IsIndex ? Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : "*";
}
