using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Wallet.Core.Mdoc;

/// <summary>
/// One issuer-signed data element (ISO/IEC 18013-5 8.3.2.1.2.2, 9.1.2.5):
/// <c>{ "digestID": uint, "random": bstr, "elementIdentifier": tstr, "elementValue": any }</c>, carried as
/// <c>IssuerSignedItemBytes = #6.24(bstr .cbor IssuerSignedItem)</c>. The MSO digest covers exactly
/// <see cref="IssuerSignedItemBytes"/>, which for a parsed item are the bytes as received.
/// </summary>
public sealed class IssuerSignedItem
{
    /// <summary>The shortest <c>random</c> ISO/IEC 18013-5 9.1.2.5 allows, in bytes.</summary>
    public const int MinimumRandomLength = 16;

    private readonly byte[] _random;

    private IssuerSignedItem(int digestId, byte[] random, string elementIdentifier, CborValue elementValue, ReadOnlyMemory<byte> issuerSignedItemBytes)
    {
        DigestId = digestId;
        _random = random;
        ElementIdentifier = elementIdentifier;
        ElementValue = elementValue;
        IssuerSignedItemBytes = issuerSignedItemBytes;
    }

    /// <summary>The <c>digestID</c>: the key of this item's digest in the MSO <c>valueDigests</c> of its namespace.</summary>
    public int DigestId { get; }

    /// <summary>The <c>random</c> salt that keeps undisclosed values from being guessed from their digests.</summary>
    public ReadOnlyMemory<byte> Random => _random;

    /// <summary>The <c>elementIdentifier</c>, for example <c>family_name</c>.</summary>
    public string ElementIdentifier { get; }

    /// <summary>The <c>elementValue</c>, typed.</summary>
    public CborValue ElementValue { get; }

    /// <summary>The tag-24 wrapped encoding the MSO digest is computed over.</summary>
    public ReadOnlyMemory<byte> IssuerSignedItemBytes { get; }

    /// <summary>
    /// Creates an item with a fresh 32-byte random, encoded deterministically (RFC 8949 §4.2.1).
    /// </summary>
    public static IssuerSignedItem Create(int digestId, string elementIdentifier, CborValue elementValue) =>
        Create(digestId, elementIdentifier, elementValue, RandomNumberGenerator.GetBytes(32));

    /// <summary>Creates an item with the given random, which must be at least <see cref="MinimumRandomLength"/> bytes.</summary>
    public static IssuerSignedItem Create(int digestId, string elementIdentifier, CborValue elementValue, ReadOnlySpan<byte> random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digestId);
        ArgumentException.ThrowIfNullOrEmpty(elementIdentifier);
        ArgumentNullException.ThrowIfNull(elementValue);
        if (random.Length < MinimumRandomLength)
        {
            throw new ArgumentException($"The random must be at least {MinimumRandomLength} bytes (ISO/IEC 18013-5 9.1.2.5).", nameof(random));
        }

        var writer = Cbor.Writer();
        Cbor.WriteDeterministicMap(
            writer,
            [
                (Cbor.EncodeText("digestID"), Cbor.EncodeInteger(digestId)),
                (Cbor.EncodeText("random"), Cbor.EncodeBytes(random)),
                (Cbor.EncodeText("elementIdentifier"), Cbor.EncodeText(elementIdentifier)),
                (Cbor.EncodeText("elementValue"), elementValue.Encoded.ToArray()),
            ]);
        return new IssuerSignedItem(digestId, random.ToArray(), elementIdentifier, elementValue, Cbor.WrapEmbedded(writer.Encode()));
    }

    /// <summary>Parses <c>IssuerSignedItemBytes</c> (tag 24 included).</summary>
    public static bool TryParse(ReadOnlyMemory<byte> issuerSignedItemBytes, [NotNullWhen(true)] out IssuerSignedItem? item, [NotNullWhen(false)] out VerificationError? error, MdocLimits? limits = null)
    {
        var bounds = limits ?? MdocLimits.Default;
        return Cbor.TryRun(
            () =>
            {
                Cbor.Check(issuerSignedItemBytes, bounds, "The IssuerSignedItemBytes");
                return Read(issuerSignedItemBytes, bounds);
            },
            out item,
            out error);
    }

    /// <summary>Computes the MSO value digest of this item: the hash of <see cref="IssuerSignedItemBytes"/>.</summary>
    public byte[] ComputeDigest(HashAlgorithmName algorithm)
    {
        var bytes = IssuerSignedItemBytes.Span;
        return algorithm.Name switch
        {
            "SHA256" => SHA256.HashData(bytes),
            "SHA384" => SHA384.HashData(bytes),
            "SHA512" => SHA512.HashData(bytes),
            _ => throw new ArgumentException($"Digest algorithm '{algorithm.Name}' is not one of SHA-256, SHA-384, SHA-512.", nameof(algorithm)),
        };
    }

    internal static IssuerSignedItem Read(ReadOnlyMemory<byte> issuerSignedItemBytes, MdocLimits limits)
    {
        try
        {
            var content = Cbor.ReadEmbedded(issuerSignedItemBytes, limits, "The IssuerSignedItemBytes");
            var map = Cbor.ReadTextMap(content, "The IssuerSignedItem");
            var digestId = Cbor.ReadUInt(Cbor.Required(map, "digestID", "The IssuerSignedItem"), "'digestID'");
            if (digestId > int.MaxValue)
            {
                throw Cbor.Malformed("The IssuerSignedItem 'digestID' is larger than 2^31 - 1");
            }

            var random = Cbor.ReadBytes(Cbor.Required(map, "random", "The IssuerSignedItem"), "'random'");
            var identifier = Cbor.ReadText(Cbor.Required(map, "elementIdentifier", "The IssuerSignedItem"), "'elementIdentifier'");
            var value = CborValue.Read(Cbor.Required(map, "elementValue", "The IssuerSignedItem"));
            return new IssuerSignedItem((int)digestId, random, identifier, value, issuerSignedItemBytes);
        }
        catch (MdocFormatException e) when (e.Error.Code == MdocErrorCodes.Malformed)
        {
            throw new MdocFormatException(MdocErrorCodes.ItemInvalid, e.Error.Message);
        }
    }
}
