using System.Security.Cryptography;
using Wallet.Core.Jose;

namespace Wallet.Core.Mdoc;

/// <summary>
/// Issues mdocs (ISO/IEC 18013-5 9.1.2): one IssuerSignedItem per element with a fresh 32-byte random,
/// an MSO with their digests, and the IssuerAuth signed by the document signer key with its certificate
/// chain in <c>x5chain</c>. Output is deterministically encoded (RFC 8949 §4.2.1) and untagged where
/// ISO/IEC 18013-5 says so.
/// </summary>
public sealed class MdocIssuer
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an issuer that stamps <c>validityInfo.signed</c> from <paramref name="timeProvider"/>.</summary>
    public MdocIssuer(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>Builds and signs the IssuerSigned structure (the OpenID4VCI <c>mso_mdoc</c> credential).</summary>
    /// <param name="request">Content and validity of the mdoc.</param>
    /// <param name="documentSigner">The document signer key; its certificate chain (leaf first) goes into <c>x5chain</c>.</param>
    /// <remarks>
    /// <c>validityInfo.signed</c> is the current time of the issuer's clock; a <see cref="MdocIssuanceRequest.ValidFrom"/>
    /// before it becomes the signing time, because ISO/IEC 18013-5 9.1.2.4 forbids a validFrom earlier than signed.
    /// </remarks>
    /// <exception cref="ArgumentException">The request or key is unusable (no certificate chain, empty namespaces, bad validity).</exception>
    public IssuerSigned Issue(MdocIssuanceRequest request, SigningKey documentSigner)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(documentSigner);
        ArgumentException.ThrowIfNullOrEmpty(request.DocType, nameof(request));
        ArgumentNullException.ThrowIfNull(request.DeviceKey, nameof(request));
        _ = MobileSecurityObject.DigestAlgorithmName(request.DigestAlgorithm);
        if (documentSigner.CertificateChain.Count == 0)
        {
            throw new ArgumentException("The document signer key needs its certificate chain: ISO/IEC 18013-5 9.1.2.4 requires x5chain.", nameof(documentSigner));
        }

        if (request.NameSpaces.Count == 0 || request.NameSpaces.Any(ns => ns.Value.Count == 0))
        {
            throw new ArgumentException("At least one namespace, each with at least one element, is required.", nameof(request));
        }

        var signed = Cbor.TruncateToSeconds(_timeProvider.GetUtcNow());

        // 9.1.2.4: validFrom shall not be earlier than signed. "Valid from now" is only known once signed is
        // stamped, so an earlier start is moved to the signing time rather than producing an MSO no reader accepts.
        var validFrom = Cbor.TruncateToSeconds(request.ValidFrom) < signed ? signed : request.ValidFrom;
        var validity = new ValidityInfo(signed, validFrom, request.ValidUntil, request.ExpectedUpdate);
        if (Cbor.TruncateToSeconds(request.ValidUntil) <= Cbor.TruncateToSeconds(validFrom))
        {
            throw new ArgumentException("ValidUntil must be later than ValidFrom.", nameof(request));
        }

        var nameSpaces = new Dictionary<string, IReadOnlyList<IssuerSignedItem>>(StringComparer.Ordinal);
        var valueDigests = new Dictionary<string, IReadOnlyDictionary<int, ReadOnlyMemory<byte>>>(StringComparer.Ordinal);
        foreach (var (nameSpace, elements) in request.NameSpaces)
        {
            // Shuffled digestIDs, so the IDs reveal nothing about which elements exist or their order.
            var digestIds = Enumerable.Range(0, elements.Count).ToArray();
            RandomNumberGenerator.Shuffle(digestIds.AsSpan());
            var items = elements.Select((element, i) => IssuerSignedItem.Create(digestIds[i], element.Key, element.Value)).ToArray();
            nameSpaces[nameSpace] = items;
            valueDigests[nameSpace] = items.ToDictionary(i => i.DigestId, i => (ReadOnlyMemory<byte>)i.ComputeDigest(request.DigestAlgorithm));
        }

        var mso = MobileSecurityObject.Create(request.DigestAlgorithm, valueDigests, request.DeviceKey, request.DocType, validity, request.Status);
        return IssuerSigned.Create(nameSpaces, IssuerAuth.Sign(mso, documentSigner));
    }
}
