using System.Security.Cryptography;
using Wallet.Core.StatusList;

namespace Wallet.Core.Mdoc;

/// <summary>What an issuer wants in one mdoc: its docType, data elements, holder key, validity and status reference.</summary>
/// <param name="DocType">The docType, e.g. <c>eu.europa.ec.eudi.pid.1</c>.</param>
/// <param name="NameSpaces">Per namespace, element identifier → typed value.</param>
/// <param name="DeviceKey">The holder's device key, bound into the MSO.</param>
/// <param name="ValidFrom">Start of the MSO validity window; a time before the signing time is moved to it (ISO/IEC 18013-5 9.1.2.4).</param>
/// <param name="ValidUntil">End of the MSO validity window.</param>
public sealed record MdocIssuanceRequest(
    string DocType,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, CborValue>> NameSpaces,
    CoseKey DeviceKey,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil)
{
    /// <summary>When the issuer expects to re-issue, written as <c>validityInfo.expectedUpdate</c>.</summary>
    public DateTimeOffset? ExpectedUpdate { get; init; }

    /// <summary>The Token Status List entry of this mdoc, written as the MSO <c>status.status_list</c>.</summary>
    public StatusListReference? Status { get; init; }

    /// <summary>The MSO digest algorithm: SHA-256 (default, required by HAIP 1.0 §8), SHA-384 or SHA-512.</summary>
    public HashAlgorithmName DigestAlgorithm { get; init; } = HashAlgorithmName.SHA256;
}
