using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Mdoc;
using Wallet.Core.Tests.TestSupport;
using Wallet.Core.Trust;

namespace Wallet.Core.Tests.Mdoc;

/// <summary>The ISO/IEC 18013-5 Annex D worked example (Vectors/mdoc/iso18013-5-annex-d.json).</summary>
internal static class AnnexD
{
    private static readonly JsonNode Root = Vectors.Load("mdoc", "iso18013-5-annex-d.json");

    /// <summary>A moment inside the MSO and certificate validity (2020-10-01T13:30:02Z … 2021-10-01).</summary>
    public static readonly DateTimeOffset ValidTime = new(2020, 10, 2, 0, 0, 0, TimeSpan.Zero);

    public const string DocType = "org.iso.18013.5.1.mDL";

    public const string NameSpace = "org.iso.18013.5.1";

    public static byte[] Hex(string name) => Convert.FromHexString(Root["hex"]![name]!["hex"]!.GetValue<string>());

    public static byte[] DeviceResponse => Hex("ISO_18013_5_ANNEX_D_DEVICE_RESPONSE");

    public static byte[] SessionTranscriptBytes => Hex("ISO_18013_5_ANNEX_D_SESSION_TRANSCRIPT_BYTES");

    public static JsonNode Derived => Root.AsObject().First(p => p.Key.StartsWith("derived_by_this_repo", StringComparison.Ordinal)).Value!;

    public static byte[] DerivedHex(string prefix) =>
        Convert.FromHexString(Derived.AsObject().First(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).Value!.GetValue<string>());

    public static JsonArray Items => Derived["issuer_signed_items"]!.AsArray();

    public static ECParameters Key(string prefix)
    {
        var key = Root["keys"]!.AsObject().First(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).Value!;
        return new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = Convert.FromHexString(key["d"]!.GetValue<string>()),
            Q = new ECPoint { X = Convert.FromHexString(key["x"]!.GetValue<string>()), Y = Convert.FromHexString(key["y"]!.GetValue<string>()) },
        };
    }

    public static ECDiffieHellman ReaderEphemeralKey() => ECDiffieHellman.Create(Key("ephemeral_reader_key"));

    public static SessionTranscript Transcript()
    {
        SessionTranscript.TryParseSessionTranscriptBytes(SessionTranscriptBytes, out var transcript, out var error).Should().BeTrue(error?.ToString());
        return transcript!;
    }

    public static X509Certificate2 IacaRoot() =>
        X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "mdoc", "annex-d-iaca-root.pem")));

    public static MdocVerifierOptions VerifierOptions(DateTimeOffset? at = null, ECDiffieHellman? readerKey = null, X509Certificate2? anchor = null) => new()
    {
        ChainValidator = new X509ChainValidator(TrustAnchorStore.FromCertificates([anchor ?? IacaRoot()], LevelOfAssurance.High)),
        TimeProvider = new FakeTimeProvider(at ?? ValidTime),
        ReaderEphemeralKey = readerKey,
    };
}
