using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;

namespace Wallet.Core.Mdoc;

/// <summary>
/// <c>IssuerSigned = { ? "nameSpaces": IssuerNameSpaces, "issuerAuth": IssuerAuth }</c>
/// (ISO/IEC 18013-5 8.3.2.1.2.2), where <c>IssuerNameSpaces = { + NameSpace => [ + IssuerSignedItemBytes ] }</c>.
/// This is also the OpenID4VCI 1.0 Appendix A.2 credential: <c>base64url(CBOR(IssuerSigned))</c>.
/// </summary>
public sealed class IssuerSigned
{
    private IssuerSigned(IReadOnlyDictionary<string, IReadOnlyList<IssuerSignedItem>> nameSpaces, IssuerAuth issuerAuth, ReadOnlyMemory<byte> encoded)
    {
        NameSpaces = nameSpaces;
        IssuerAuth = issuerAuth;
        Encoded = encoded;
    }

    /// <summary>The IssuerNameSpaces: per namespace, the items in received order. Empty when the member is absent.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IssuerSignedItem>> NameSpaces { get; }

    /// <summary>The IssuerAuth with the signed MSO.</summary>
    public IssuerAuth IssuerAuth { get; }

    /// <summary>The encoding as received, or the deterministic encoding of a constructed value.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>The MSO docType.</summary>
    public string DocType => IssuerAuth.MobileSecurityObject.DocType;

    /// <summary>Parses an encoded IssuerSigned.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> encoded, [NotNullWhen(true)] out IssuerSigned? issuerSigned, [NotNullWhen(false)] out VerificationError? error, MdocLimits? limits = null)
    {
        var bounds = limits ?? MdocLimits.Default;
        return Cbor.TryRun(
            () =>
            {
                Cbor.Check(encoded, bounds, "The IssuerSigned");
                return Read(encoded, bounds);
            },
            out issuerSigned,
            out error);
    }

    /// <summary>Parses the OpenID4VCI credential form, <c>base64url(CBOR(IssuerSigned))</c> without padding.</summary>
    public static bool TryParseBase64Url(string credential, [NotNullWhen(true)] out IssuerSigned? issuerSigned, [NotNullWhen(false)] out VerificationError? error, MdocLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        issuerSigned = null;
        if (!Base64Url.TryDecode(credential, limits ?? MdocLimits.Default, "The IssuerSigned credential", out var bytes, out error))
        {
            return false;
        }

        return TryParse(bytes, out issuerSigned, out error, limits);
    }

    /// <summary>
    /// The issuer-signed elements as JSON, <c>{ namespace: { element: value } }</c> (see <see cref="CborValue.ToJsonNode"/>):
    /// the view a wallet hands to DCQL matching (<c>DcqlCredential.ForMdoc</c>).
    /// </summary>
    public JsonObject ToJsonNameSpaces()
    {
        var json = new JsonObject();
        foreach (var (nameSpace, items) in NameSpaces)
        {
            var elements = new JsonObject();
            foreach (var item in items)
            {
                elements[item.ElementIdentifier] = item.ElementValue.ToJsonNode();
            }

            json[nameSpace] = elements;
        }

        return json;
    }

    /// <summary>The OpenID4VCI credential form: <c>base64url(CBOR(IssuerSigned))</c>.</summary>
    public string ToBase64Url() => Base64UrlStrict.Encode(Encoded.Span);

    /// <summary>
    /// A copy holding only the items <paramref name="include"/> selects; the items and the IssuerAuth keep
    /// their exact bytes, so the MSO digests and signature still verify. Namespaces left empty are dropped.
    /// </summary>
    public IssuerSigned Select(Func<string, IssuerSignedItem, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        var selected = new Dictionary<string, IReadOnlyList<IssuerSignedItem>>(StringComparer.Ordinal);
        foreach (var (nameSpace, items) in NameSpaces)
        {
            var kept = items.Where(i => include(nameSpace, i)).ToArray();
            if (kept.Length > 0)
            {
                selected[nameSpace] = kept;
            }
        }

        return Create(selected, IssuerAuth);
    }

    internal static IssuerSigned Create(IReadOnlyDictionary<string, IReadOnlyList<IssuerSignedItem>> nameSpaces, IssuerAuth issuerAuth)
    {
        var members = new List<(byte[], byte[])> { (Cbor.EncodeText("issuerAuth"), issuerAuth.Encoded.ToArray()) };
        if (nameSpaces.Count > 0)
        {
            var map = Cbor.Writer();
            Cbor.WriteDeterministicMap(
                map,
                nameSpaces.Select(ns =>
                {
                    var array = Cbor.Writer();
                    array.WriteStartArray(ns.Value.Count);
                    foreach (var item in ns.Value)
                    {
                        array.WriteEncodedValue(item.IssuerSignedItemBytes.Span);
                    }

                    array.WriteEndArray();
                    return (Cbor.EncodeText(ns.Key), array.Encode());
                }));
            members.Add((Cbor.EncodeText("nameSpaces"), map.Encode()));
        }

        var writer = Cbor.Writer();
        Cbor.WriteDeterministicMap(writer, members);
        return new IssuerSigned(nameSpaces, issuerAuth, writer.Encode());
    }

    internal static IssuerSigned Read(ReadOnlyMemory<byte> encoded, MdocLimits limits)
    {
        var map = Cbor.ReadTextMap(encoded, "The IssuerSigned");
        var issuerAuth = IssuerAuth.Read(Cbor.Required(map, "issuerAuth", "The IssuerSigned"), limits);
        var nameSpaces = new Dictionary<string, IReadOnlyList<IssuerSignedItem>>(StringComparer.Ordinal);
        if (map.TryGetValue("nameSpaces", out var nameSpacesItem))
        {
            foreach (var (nameSpace, itemsArray) in Cbor.ReadTextMap(nameSpacesItem, "'nameSpaces'"))
            {
                var items = Cbor.ReadArray(itemsArray, $"The items of namespace '{nameSpace}'");
                if (items.Count == 0)
                {
                    throw Cbor.Malformed($"Namespace '{nameSpace}' has no IssuerSignedItemBytes (the CDDL requires at least one)");
                }

                nameSpaces[nameSpace] = items.Select(i => IssuerSignedItem.Read(i, limits)).ToArray();
            }
        }

        return new IssuerSigned(nameSpaces, issuerAuth, encoded);
    }
}
