using Wallet.Core.Claims;
using Wallet.Core.Jose;

namespace Wallet.Core.Mdoc;

/// <summary>
/// The holder side (ISO/IEC 18013-5 8.3.2.1.2.2, 9.1.3): builds a DeviceResponse that discloses only the
/// requested issuer-signed elements, with a <c>deviceSignature</c> over DeviceAuthenticationBytes for the
/// given SessionTranscript. Disclosed items keep their issued bytes, so their digests still match the MSO.
/// </summary>
public static class MdocPresenter
{
    /// <summary>Presents the requested elements of one mdoc.</summary>
    /// <param name="credential">The mdoc as issued.</param>
    /// <param name="deviceKey">The private device key whose public half is in the MSO.</param>
    /// <param name="requestedElements">Per namespace, the element identifiers to disclose; identifiers the mdoc lacks are skipped.</param>
    /// <param name="transcript">The SessionTranscript of this presentation.</param>
    /// <exception cref="ArgumentException">The device key is not the one bound in the MSO.</exception>
    public static DeviceResponse Present(IssuerSigned credential, SigningKey deviceKey, IReadOnlyDictionary<string, IReadOnlyCollection<string>> requestedElements, SessionTranscript transcript)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(deviceKey);
        ArgumentNullException.ThrowIfNull(requestedElements);
        ArgumentNullException.ThrowIfNull(transcript);
        if (!credential.IssuerAuth.MobileSecurityObject.DeviceKey.Jwk.HasSameKey(deviceKey.PublicJwk))
        {
            throw new ArgumentException("The device key is not the key bound in the MSO deviceKeyInfo.", nameof(deviceKey));
        }

        var disclosed = credential.Select((nameSpace, item) =>
            requestedElements.TryGetValue(nameSpace, out var identifiers) && identifiers.Contains(item.ElementIdentifier, StringComparer.Ordinal));
        var docType = credential.DocType;
        var document = Document.Create(docType, disclosed, DeviceSigned.CreateWithSignature(transcript, docType, deviceKey));
        return DeviceResponse.Create([document]);
    }

    /// <summary>
    /// Presents the elements named by OpenID4VP claims path pointers, each exactly
    /// <c>[namespace, element identifier]</c> (OpenID4VP 1.0 §7.2).
    /// </summary>
    /// <exception cref="ArgumentException">A path is not two member names.</exception>
    public static DeviceResponse Present(IssuerSigned credential, SigningKey deviceKey, IEnumerable<ClaimPath> requestedClaims, SessionTranscript transcript)
    {
        ArgumentNullException.ThrowIfNull(requestedClaims);
        var requested = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var path in requestedClaims)
        {
            if (path.Segments.Count != 2 || !path.Segments[0].IsName || !path.Segments[1].IsName)
            {
                throw new ArgumentException($"The mdoc claims path '{path}' must be exactly [namespace, element identifier] (OpenID4VP 1.0 §7.2).", nameof(requestedClaims));
            }

            var nameSpace = path.Segments[0].Name!;
            if (!requested.TryGetValue(nameSpace, out var identifiers))
            {
                requested[nameSpace] = identifiers = new HashSet<string>(StringComparer.Ordinal);
            }

            identifiers.Add(path.Segments[1].Name!);
        }

        return Present(credential, deviceKey, requested.ToDictionary(r => r.Key, r => (IReadOnlyCollection<string>)r.Value, StringComparer.Ordinal), transcript);
    }
}
