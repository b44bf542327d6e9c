namespace Wallet.Core.Pid;

/// <summary>Place of birth (PID Rule Book §2 <c>birth_place</c>); at least one member is present.</summary>
/// <param name="Country">ISO 3166-1 alpha-2 country code.</param>
/// <param name="Region">State, province, district or local area.</param>
/// <param name="Locality">Municipality, city, town or village.</param>
public sealed record PlaceOfBirth(string? Country = null, string? Region = null, string? Locality = null);
