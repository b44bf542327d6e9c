namespace Wallet.Core.Pid;

/// <summary>Resident address (PID Rule Book §2 <c>resident_*</c>); every member is optional.</summary>
public sealed record ResidentAddress
{
    /// <summary>The full address as one text.</summary>
    public string? Formatted { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    public string? Country { get; init; }

    /// <summary>State, province, district or local area.</summary>
    public string? Region { get; init; }

    /// <summary>Municipality, city, town or village.</summary>
    public string? Locality { get; init; }

    /// <summary>Postal code.</summary>
    public string? PostalCode { get; init; }

    /// <summary>Street name.</summary>
    public string? Street { get; init; }

    /// <summary>House number including any affix (SD-JWT VC only; mdoc has no element for it).</summary>
    public string? HouseNumber { get; init; }
}
