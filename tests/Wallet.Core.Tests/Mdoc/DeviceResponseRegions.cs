using System.Formats.Asn1;
using System.Formats.Cbor;
using System.Text;
using C = Wallet.Core.Mdoc.MdocErrorCodes;

namespace Wallet.Core.Tests.Mdoc;

/// <summary>
/// Labels every byte of an encoded single-document DeviceResponse with the <see cref="FlipRegion"/> it belongs
/// to, found by walking the structure (ISO/IEC 18013-5 8.3.2.1.2.2, 9.1.2.4, 9.1.3; RFC 9052; RFC 5280 §4.1),
/// never by hard-coded offsets. Parts are painted from the outside in, so the innermost part a byte lies in wins.
/// </summary>
internal sealed class DeviceResponseRegions
{
    private static readonly string[] Validity = [C.NotYetValid, C.Expired, C.ValidityInconsistent, C.SignedOutsideCertificateValidity];

    public static readonly FlipRegion Structure = FlipRegion.Of(
        "structure (headers, lengths)",
        "A changed major type, argument or length makes the received bytes no longer one well-formed CBOR item, which the bounded walk rejects before any typed reading.",
        C.Malformed);

    public static readonly FlipRegion RequiredKey = FlipRegion.Of(
        "required member name",
        "version/status, docType/issuerSigned, issuerAuth, nameSpaces/deviceAuth of DeviceSigned are required by the CDDL; a renamed key means the member is missing.",
        C.Malformed);

    public static readonly FlipRegion DocumentsKey = FlipRegion.Of(
        "'documents' member name",
        "'documents' is optional in DeviceResponse; renamed, the response carries no document.",
        C.NoDocuments);

    public static readonly FlipRegion DeviceSignedKey = FlipRegion.Of(
        "'deviceSigned' member name",
        "Without 'deviceSigned' the document has no device authentication (9.1.3).",
        C.DeviceAuthMissing);

    public static readonly FlipRegion DeviceMacKey = FlipRegion.Of(
        "'deviceMac' member name",
        "A DeviceAuth with neither deviceSignature nor deviceMac authenticates nothing (9.1.3).",
        C.DeviceAuthMissing);

    public static readonly FlipRegion IssuerNameSpacesKey = new(
        "IssuerSigned 'nameSpaces' member name",
        "IssuerSigned.nameSpaces is optional and, by design of selective disclosure, covered by no signature or MAC: renamed, the response " +
        "is a valid one that discloses no issuer-signed element (unknown members are tolerated, 18013-5 reserves them for future use). " +
        "Nothing tampered may be returned as verified.",
        new HashSet<string>(),
        new HashSet<string>(),
        NothingDisclosed: true);

    public static readonly FlipRegion Version = FlipRegion.Of(
        "DeviceResponse version text",
        "Any other text than \"1.0\" is an unsupported version (8.3.2.1.2.2).",
        C.UnsupportedVersion);

    public static readonly FlipRegion Status = FlipRegion.Of(
        "DeviceResponse status",
        "The status 0 becomes 1: not OK (8.3.2.1.2.3).",
        C.ResponseStatus);

    public static readonly FlipRegion DocType = FlipRegion.Of(
        "Document docType text",
        "The Document docType no longer equals the signed MSO docType (9.3.1), and DeviceAuthenticationBytes include the docType, so the deviceMac fails too (9.1.3.4).",
        C.DocTypeMismatch,
        C.DeviceMacInvalid);

    public static readonly FlipRegion NameSpaceName = FlipRegion.Of(
        "IssuerNameSpaces namespace name",
        "The items now sit in a namespace the MSO has no value digests for (9.3.1).",
        C.DigestMissing);

    public static readonly FlipRegion ItemWrapper = FlipRegion.Of(
        "IssuerSignedItemBytes tag 24 / bstr header",
        "The digest covers the tag-24 wrapper too; a changed wrapper is no longer encoded CBOR (item invalid) or breaks the outer structure (malformed).",
        C.ItemInvalid,
        C.Malformed);

    public static readonly FlipRegion ItemStructure = FlipRegion.Of(
        "IssuerSignedItem structure (keys, headers)",
        "Inside the tag-24 item: a renamed or re-typed member makes the item unreadable (item invalid); if it still reads, its digest differs (9.3.1).",
        [C.ItemInvalid, C.DigestMismatch],
        C.TooDeep,
        C.TooLarge);

    public static readonly FlipRegion ItemDigestId = FlipRegion.Of(
        "IssuerSignedItem digestID",
        "Another digestID points at another item's digest (mismatch), at none (missing), or at one already presented (duplicate).",
        C.DigestMismatch,
        C.DigestMissing,
        C.DuplicateElement);

    public static readonly FlipRegion ItemRandom = FlipRegion.Of(
        "IssuerSignedItem random",
        "The random is hashed with the item: the digest no longer matches (9.3.1).",
        C.DigestMismatch);

    public static readonly FlipRegion ItemIdentifier = FlipRegion.Of(
        "IssuerSignedItem elementIdentifier",
        "The identifier is hashed with the item: the digest no longer matches (9.3.1).",
        C.DigestMismatch);

    public static readonly FlipRegion ItemValue = FlipRegion.Of(
        "IssuerSignedItem elementValue",
        "A changed value no longer matches its digest (9.3.1); a value that no longer decodes (a full-date that is no date, a broken header) makes the item invalid.",
        [C.DigestMismatch, C.ItemInvalid],
        C.TooDeep,
        C.TooLarge);

    public static readonly FlipRegion IssuerProtected = FlipRegion.Of(
        "IssuerAuth protected header",
        "{1: -7}: a header that does not decode is a malformed COSE_Sign1; label 0 instead of 1 leaves no alg, -8 (EdDSA) is not on the allow-list.",
        C.IssuerAuthMalformed,
        C.IssuerAuthAlgorithmNotAllowed);

    public static readonly FlipRegion X5ChainLabel = FlipRegion.Of(
        "IssuerAuth unprotected x5chain label",
        "Label 32 instead of 33 leaves no x5chain (9.1.2.4); a changed integer header breaks the CBOR.",
        C.X5ChainInvalid,
        C.Malformed);

    public static readonly FlipRegion CertificateStructure = FlipRegion.Of(
        "DS certificate DER structure",
        "A changed DER tag or length no longer decodes as a certificate: the x5chain is unusable.",
        [C.X5ChainInvalid],
        C.ChainUntrusted);

    public static readonly FlipRegion CertificateTbs = FlipRegion.Of(
        "DS certificate tbsCertificate",
        "The IACA signature covers the TBS, so the chain no longer validates; a field that no longer decodes makes the x5chain unusable.",
        C.ChainUntrusted,
        C.X5ChainInvalid);

    public static readonly FlipRegion CertificateExtensions = FlipRegion.Of(
        "DS certificate extensions",
        "As TBS. An extension the platform reads to hand out the key (Key Usage: a corrupted value, or another extension's OID turned into a " +
        "second Key Usage) also makes the public key unreadable, which leaves the IssuerAuth signature unverifiable.",
        [C.ChainUntrusted, C.X5ChainInvalid],
        C.IssuerSignatureInvalid);

    public static readonly FlipRegion CertificateValidity = FlipRegion.Of(
        "DS certificate validity",
        "As TBS; a moved notBefore/notAfter may also put the MSO 'signed' time outside the certificate validity (9.3.1).",
        [C.ChainUntrusted, C.X5ChainInvalid],
        C.SignedOutsideCertificateValidity);

    public static readonly FlipRegion CertificateKey = FlipRegion.Of(
        "DS certificate subjectPublicKeyInfo",
        "As TBS; a changed key (or curve) also fails the IssuerAuth signature, or no longer fits ES256.",
        [C.ChainUntrusted, C.X5ChainInvalid],
        C.IssuerSignatureInvalid,
        C.IssuerAuthAlgorithmNotAllowed);

    public static readonly FlipRegion CertificateSignature = FlipRegion.Of(
        "DS certificate signatureAlgorithm / signatureValue",
        "The IACA signature over the TBS no longer verifies, or names another algorithm: the chain is not trusted (Annex B); " +
        "a changed DER tag or length of these fields no longer decodes as a certificate.",
        C.ChainUntrusted,
        C.X5ChainInvalid);

    public static readonly FlipRegion MsoWrapper = FlipRegion.Of(
        "MobileSecurityObjectBytes tag 24 / bstr header",
        "Inside the payload byte string: another tag, or a length that leaves the payload not exactly one tag-24 item, " +
        "is no #6.24(bstr .cbor MSO) (9.1.2.4).",
        C.MsoInvalid);

    public static readonly FlipRegion MsoStructure = FlipRegion.Of(
        "MSO structure (keys, headers)",
        "A renamed required member or broken header makes the MSO unreadable (9.1.2.4); if it still reads, the IssuerAuth signature fails.",
        [C.MsoInvalid, C.IssuerSignatureInvalid],
        C.TooDeep,
        C.TooLarge);

    public static readonly FlipRegion MsoVersion = FlipRegion.Of(
        "MSO version text",
        "Signed content changed, and \"1.0\" is the only known MSO version (9.1.2.4).",
        C.IssuerSignatureInvalid,
        C.UnsupportedVersion);

    public static readonly FlipRegion MsoDigestAlgorithm = FlipRegion.Of(
        "MSO digestAlgorithm text",
        "Only SHA-256/384/512 are defined (9.1.2.5); the MSO is rejected when parsed.",
        C.DigestAlgorithmUnsupported);

    public static readonly FlipRegion MsoDocType = FlipRegion.Of(
        "MSO docType text",
        "Signed content changed, and the MSO docType no longer equals the Document docType (9.3.1).",
        C.IssuerSignatureInvalid,
        C.DocTypeMismatch);

    public static readonly FlipRegion MsoPresentedNameSpace = FlipRegion.Of(
        "MSO valueDigests name of the presented namespace",
        "Signed content changed, and the presented items have no value digests any more (9.3.1).",
        C.IssuerSignatureInvalid,
        C.DigestMissing);

    public static readonly FlipRegion MsoOtherNameSpace = FlipRegion.Of(
        "MSO valueDigests name of a namespace not presented",
        "Signed content changed; no presented item depends on it.",
        C.IssuerSignatureInvalid);

    public static readonly FlipRegion MsoDigestId = FlipRegion.Of(
        "MSO valueDigests digestID",
        "Signed content changed; the presented item with that digestID loses its digest, or the new digestID duplicates a key (MSO invalid).",
        [C.IssuerSignatureInvalid, C.MsoInvalid],
        C.DigestMissing);

    public static readonly FlipRegion MsoPresentedDigest = FlipRegion.Of(
        "MSO value digest of a presented item",
        "Signed content changed, and the presented item no longer matches its digest (9.3.1).",
        C.IssuerSignatureInvalid,
        C.DigestMismatch);

    public static readonly FlipRegion MsoOtherDigest = FlipRegion.Of(
        "MSO value digest of an item not presented",
        "Signed content changed; no presented item depends on it.",
        C.IssuerSignatureInvalid);

    public static readonly FlipRegion MsoDeviceKey = FlipRegion.Of(
        "MSO deviceKey (COSE_Key)",
        "The key is checked when the MSO is parsed: another kty or crv, or a point off the curve, is no usable device key (RFC 9053 §7.1.1); " +
        "a changed header, or a label turned into a duplicate (-1 into -2), makes the MSO CBOR itself invalid.",
        C.DeviceKeyInvalid,
        C.MsoInvalid);

    public static readonly FlipRegion MsoValidity = FlipRegion.Of(
        "MSO validityInfo tdate text",
        "Signed content changed (signature invalid) and the moved time may leave the window or its order; a text that is no RFC 3339 date-time makes the MSO invalid.",
        [C.IssuerSignatureInvalid, C.MsoInvalid],
        Validity);

    public static readonly FlipRegion IssuerSignature = FlipRegion.Of(
        "IssuerAuth signature",
        "The ECDSA signature over the MSO no longer verifies (9.3.1).",
        C.IssuerSignatureInvalid);

    public static readonly FlipRegion DeviceNameSpacesBytes = FlipRegion.Of(
        "DeviceNameSpacesBytes",
        "24(<<{}>>): a changed wrapper or map no longer decodes (malformed); were it to decode, the deviceMac covers it.",
        [C.Malformed],
        C.DeviceMacInvalid);

    public static readonly FlipRegion DeviceMacProtected = FlipRegion.Of(
        "deviceMac protected header",
        "{1: 5}: a header that does not decode is a malformed COSE_Mac0; label 0 leaves no alg, 4 is not HMAC 256/256 (9.1.3.5).",
        C.DeviceAuthMalformed,
        C.DeviceAuthAlgorithmNotAllowed);

    public static readonly FlipRegion DeviceMacPayload = FlipRegion.Of(
        "deviceMac payload (nil)",
        "The detached payload nil becomes 'undefined', which is neither nil nor a byte string (9.1.3.4).",
        C.DeviceAuthMalformed);

    public static readonly FlipRegion DeviceMacTag = FlipRegion.Of(
        "deviceMac tag",
        "The HMAC-SHA-256 over DeviceAuthenticationBytes no longer matches (9.1.3.5).",
        C.DeviceMacInvalid);

    private readonly byte[] _bytes;
    private readonly FlipRegion[] _regions;

    private DeviceResponseRegions(byte[] bytes)
    {
        _bytes = bytes;
        _regions = new FlipRegion[bytes.Length];
        Paint(Whole, Structure);
    }

    public static IReadOnlyList<FlipRegion> All { get; } =
        typeof(DeviceResponseRegions).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(FlipRegion)).Select(f => (FlipRegion)f.GetValue(null)!).ToArray();

    private Span Whole => new(0, _bytes.Length);

    /// <summary>The region of every byte of <paramref name="deviceResponse"/>.</summary>
    public static FlipRegion[] Map(byte[] deviceResponse)
    {
        var map = new DeviceResponseRegions(deviceResponse);
        map.DeviceResponse(map.Whole);
        return map._regions;
    }

    private void DeviceResponse(Span response)
    {
        foreach (var (key, keySpan, value) in Members(response))
        {
            switch (key)
            {
                case "version":
                    Paint(TextContent(keySpan), RequiredKey);
                    Paint(TextContent(value), Version);
                    break;
                case "status":
                    Paint(TextContent(keySpan), RequiredKey);
                    Paint(value, Status);
                    break;
                case "documents":
                    Paint(TextContent(keySpan), DocumentsKey);
                    foreach (var document in Elements(value))
                    {
                        Document(document);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"DeviceResponse member '{key}' is not mapped.");
            }
        }
    }

    private void Document(Span document)
    {
        foreach (var (key, keySpan, value) in Members(document))
        {
            switch (key)
            {
                case "docType":
                    Paint(TextContent(keySpan), RequiredKey);
                    Paint(TextContent(value), DocType);
                    break;
                case "issuerSigned":
                    Paint(TextContent(keySpan), RequiredKey);
                    IssuerSigned(value, PresentedDigests(value));
                    break;
                case "deviceSigned":
                    Paint(TextContent(keySpan), DeviceSignedKey);
                    DeviceSigned(value);
                    break;
                default:
                    throw new InvalidOperationException($"Document member '{key}' is not mapped.");
            }
        }
    }

    private Dictionary<string, HashSet<ulong>> PresentedDigests(Span issuerSigned)
    {
        var presented = new Dictionary<string, HashSet<ulong>>(StringComparer.Ordinal);
        foreach (var (key, _, value) in Members(issuerSigned))
        {
            if (key != "nameSpaces")
            {
                continue;
            }

            foreach (var (nameSpace, _, items) in Members(value))
            {
                presented[nameSpace!] = Elements(items)
                    .Select(item => Members(Embedded(item)).Single(m => m.Key == "digestID").Value)
                    .Select(id => new CborReader(Slice(id)).ReadUInt64())
                    .ToHashSet();
            }
        }

        return presented;
    }

    private void IssuerSigned(Span issuerSigned, Dictionary<string, HashSet<ulong>> presented)
    {
        foreach (var (key, keySpan, value) in Members(issuerSigned))
        {
            switch (key)
            {
                case "nameSpaces":
                    Paint(TextContent(keySpan), IssuerNameSpacesKey);
                    foreach (var (_, nameSpaceKey, items) in Members(value))
                    {
                        Paint(TextContent(nameSpaceKey), NameSpaceName);
                        foreach (var item in Elements(items))
                        {
                            IssuerSignedItem(item);
                        }
                    }

                    break;
                case "issuerAuth":
                    Paint(TextContent(keySpan), RequiredKey);
                    IssuerAuth(value, presented);
                    break;
                default:
                    throw new InvalidOperationException($"IssuerSigned member '{key}' is not mapped.");
            }
        }
    }

    private void IssuerSignedItem(Span item)
    {
        Paint(item, ItemWrapper);
        var content = Embedded(item);
        Paint(content, ItemStructure);
        foreach (var (key, _, value) in Members(content))
        {
            switch (key)
            {
                case "digestID":
                    Paint(value, ItemDigestId);
                    break;
                case "random":
                    Paint(BytesContent(value), ItemRandom);
                    break;
                case "elementIdentifier":
                    Paint(TextContent(value), ItemIdentifier);
                    break;
                case "elementValue":
                    Paint(value, ItemValue);
                    break;
                default:
                    throw new InvalidOperationException($"IssuerSignedItem member '{key}' is not mapped.");
            }
        }
    }

    private void IssuerAuth(Span issuerAuth, Dictionary<string, HashSet<ulong>> presented)
    {
        var parts = Elements(issuerAuth);
        Paint(BytesContent(parts[0]), IssuerProtected);
        foreach (var (_, label, value) in Members(parts[1]))
        {
            Paint(label, X5ChainLabel);
            Certificate(BytesContent(value));
        }

        var payload = BytesContent(parts[2]);
        Paint(payload, MsoWrapper);
        Mso(Embedded(payload), presented);
        Paint(BytesContent(parts[3]), IssuerSignature);
    }

    private void Certificate(Span der)
    {
        // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } (RFC 5280 §4.1);
        // the tag and length octets of each stay "structure".
        Paint(der, CertificateStructure);
        var certificate = Asn1Children(Asn1Content(der));
        var tbs = Asn1Content(certificate[0]);
        Paint(tbs, CertificateTbs);

        // tbsCertificate ::= SEQUENCE { [0] version, serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, [3] extensions }
        var fields = Asn1Children(tbs);
        Paint(fields[4], CertificateValidity);
        Paint(fields[6], CertificateKey);
        Paint(fields[7], CertificateExtensions);
        Paint(certificate[1], CertificateSignature);
        Paint(certificate[2], CertificateSignature);
    }

    private void Mso(Span mso, Dictionary<string, HashSet<ulong>> presented)
    {
        Paint(mso, MsoStructure);
        foreach (var (key, _, value) in Members(mso))
        {
            switch (key)
            {
                case "version":
                    Paint(TextContent(value), MsoVersion);
                    break;
                case "digestAlgorithm":
                    Paint(TextContent(value), MsoDigestAlgorithm);
                    break;
                case "docType":
                    Paint(TextContent(value), MsoDocType);
                    break;
                case "valueDigests":
                    foreach (var (nameSpace, nameSpaceKey, digests) in Members(value))
                    {
                        var ids = presented.GetValueOrDefault(nameSpace!) ?? [];
                        Paint(TextContent(nameSpaceKey), ids.Count > 0 ? MsoPresentedNameSpace : MsoOtherNameSpace);
                        foreach (var (_, idSpan, digest) in Members(digests))
                        {
                            Paint(idSpan, MsoDigestId);
                            var id = new CborReader(Slice(idSpan)).ReadUInt64();
                            Paint(BytesContent(digest), ids.Contains(id) ? MsoPresentedDigest : MsoOtherDigest);
                        }
                    }

                    break;
                case "deviceKeyInfo":
                    foreach (var (_, _, deviceKey) in Members(value))
                    {
                        Paint(deviceKey, MsoDeviceKey);
                    }

                    break;
                case "validityInfo":
                    foreach (var (_, _, time) in Members(value))
                    {
                        Paint(TextContent(TagContent(time)), MsoValidity);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"MSO member '{key}' is not mapped.");
            }
        }
    }

    private void DeviceSigned(Span deviceSigned)
    {
        foreach (var (key, keySpan, value) in Members(deviceSigned))
        {
            switch (key)
            {
                case "nameSpaces":
                    Paint(TextContent(keySpan), RequiredKey);
                    Paint(value, DeviceNameSpacesBytes);
                    break;
                case "deviceAuth":
                    Paint(TextContent(keySpan), RequiredKey);
                    foreach (var (method, methodKey, cose) in Members(value))
                    {
                        if (method != "deviceMac")
                        {
                            throw new InvalidOperationException($"DeviceAuth member '{method}' is not mapped.");
                        }

                        Paint(TextContent(methodKey), DeviceMacKey);
                        var parts = Elements(cose);
                        Paint(BytesContent(parts[0]), DeviceMacProtected);
                        Paint(parts[2], DeviceMacPayload);
                        Paint(BytesContent(parts[3]), DeviceMacTag);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"DeviceSigned member '{key}' is not mapped.");
            }
        }
    }

    private void Paint(Span span, FlipRegion region) => _regions.AsSpan(span.Start, span.Length).Fill(region);

    private ReadOnlyMemory<byte> Slice(Span span) => _bytes.AsMemory(span.Start, span.Length);

    private CborReader Reader(Span span) => new(Slice(span), CborConformanceMode.Lax);

    private static int Position(CborReader reader, Span span) => span.End - reader.BytesRemaining;

    private List<(string? Key, Span KeySpan, Span Value)> Members(Span map)
    {
        var reader = Reader(map);
        var count = reader.ReadStartMap()!.Value;
        var members = new List<(string?, Span, Span)>(count);
        for (var i = 0; i < count; i++)
        {
            var keyStart = Position(reader, map);
            var key = reader.PeekState() == CborReaderState.TextString ? reader.ReadTextString() : null;
            if (key is null)
            {
                reader.SkipValue();
            }

            var valueStart = Position(reader, map);
            reader.SkipValue();
            members.Add((key, new Span(keyStart, valueStart - keyStart), new Span(valueStart, Position(reader, map) - valueStart)));
        }

        return members;
    }

    private List<Span> Elements(Span array)
    {
        var reader = Reader(array);
        var count = reader.ReadStartArray()!.Value;
        var elements = new List<Span>(count);
        for (var i = 0; i < count; i++)
        {
            var start = Position(reader, array);
            reader.SkipValue();
            elements.Add(new Span(start, Position(reader, array) - start));
        }

        return elements;
    }

    private Span TextContent(Span text)
    {
        var length = Encoding.UTF8.GetByteCount(Reader(text).ReadTextString());
        return new Span(text.End - length, length);
    }

    private Span BytesContent(Span bytes)
    {
        var length = Reader(bytes).ReadByteString().Length;
        return new Span(bytes.End - length, length);
    }

    private Span TagContent(Span tagged)
    {
        var reader = Reader(tagged);
        reader.ReadTag();
        return new Span(Position(reader, tagged), tagged.End - Position(reader, tagged));
    }

    private Span Embedded(Span tag24) => BytesContent(TagContent(tag24));

    /// <summary>The content octets of the DER value at <paramref name="der"/>: its tag and length stripped.</summary>
    private Span Asn1Content(Span der)
    {
        var reader = new AsnReader(Slice(der), AsnEncodingRules.DER);
        var length = reader.PeekContentBytes().Length;
        return new Span(der.Start + reader.PeekEncodedValue().Length - length, length);
    }

    /// <summary>Each complete child TLV inside a run of DER content octets.</summary>
    private List<Span> Asn1Children(Span content)
    {
        var children = new List<Span>();
        var reader = new AsnReader(Slice(content), AsnEncodingRules.DER);
        var offset = content.Start;
        while (reader.HasData)
        {
            var length = reader.ReadEncodedValue().Length;
            children.Add(new Span(offset, length));
            offset += length;
        }

        return children;
    }

    private readonly record struct Span(int Start, int Length)
    {
        public int End => Start + Length;
    }
}
