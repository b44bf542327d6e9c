namespace Wallet.Core.StatusList;

/// <summary>
/// The <c>status_list</c> member of a Referenced Token's <c>status</c> claim: which entry of which Status List
/// holds this token's status (draft-ietf-oauth-status-list §6.2 JOSE, §6.3 COSE/mdoc).
/// </summary>
/// <param name="Index">The <c>idx</c>: the entry index, non-negative.</param>
/// <param name="Uri">The <c>uri</c>: where the Status List Token is served; also its expected <c>sub</c>.</param>
public sealed record StatusListReference(int Index, Uri Uri);
