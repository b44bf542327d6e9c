using Wallet.Core.TypeMetadata;

namespace Wallet.Core.SdJwtVc;

/// <summary>
/// The Type Metadata of the PID type <c>urn:eudi:pid:1</c> (draft-ietf-oauth-sd-jwt-vc-18 §4) as this Issuer publishes
/// it: display names and claim labels in English and Norwegian bokmål, <c>sd: always</c> for every claim of the person
/// (the PID Rule Book makes each one selectively disclosable), <c>sd: never</c> for <c>vct</c> and <c>iss</c>, and the
/// Rule Book's mandatory claims marked <c>mandatory</c>.
/// </summary>
public static class PidTypeMetadata
{
    private static readonly byte[] Bytes = Load();

    /// <summary>The document's exact bytes, as served and hashed.</summary>
    public static ReadOnlyMemory<byte> Document => Bytes;

    /// <summary>The <c>vct#integrity</c> of the document (§5): <c>sha256-</c> and the base64 SHA-256 of <see cref="Document"/>.</summary>
    public static string Integrity { get; } = IntegrityMetadata.Sha256Of(Bytes);

    /// <summary>A registry holding only this document, for consumers that process PID Type Metadata without a network.</summary>
    public static LocalTypeMetadataRegistry Registry() =>
        new(new Dictionary<string, ReadOnlyMemory<byte>> { [PidSdJwtVc.Vct] = Bytes });

    private static byte[] Load()
    {
        using var stream = typeof(PidTypeMetadata).Assembly.GetManifestResourceStream("Wallet.Core.SdJwtVc.pid-type-metadata.json")
            ?? throw new InvalidOperationException("The PID Type Metadata resource is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
