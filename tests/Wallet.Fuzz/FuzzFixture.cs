using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;

namespace Wallet.Fuzz;

/// <summary>
/// The fixed world every harness and the seed generator share: one instant, keys derived from labels, the
/// relying party's identifiers and the IACA that signed the mdoc seeds. Fixed, so a committed seed stays valid and
/// a found input replays the same way in the engine, in <c>replay</c> and in the unit tests.
/// </summary>
/// <remarks>
/// The keys are derived from public labels (SHA-256 of the label as the P-256 scalar): they protect nothing and
/// are no secret; only the IACA root's certificate is committed (<c>Fixtures/iaca-root.pem</c>), its key was dropped.
/// </remarks>
internal static class FuzzFixture
{
    /// <summary>The instant every verifier runs at.</summary>
    public static DateTimeOffset Now { get; } = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock { get; } = new(Now);

    public const string Issuer = "https://issuer.fuzz.example";
    public const string ClientId = "x509_san_dns:rp.fuzz.example";
    public const string Nonce = "fuzz-nonce-0001";
    public const string ResponseUri = "https://rp.fuzz.example/response";

    public static Uri StatusListUri { get; } = new("https://issuer.fuzz.example/status-lists/1");

    public static SigningKey IssuerKey { get; } = new(DeriveEcdsa("wallet-fuzz/sd-jwt-issuer"), "issuer-1");

    public static SigningKey HolderKey { get; } = new(DeriveEcdsa("wallet-fuzz/holder"));

    public static SigningKey StatusListKey { get; } = new(DeriveEcdsa("wallet-fuzz/status-list"), "status-1");

    /// <summary>The Verifier's response encryption key (ECDH-ES, P-256).</summary>
    public static ECDiffieHellman RecipientKey { get; } = DeriveEcdh("wallet-fuzz/jwe-recipient");

    /// <summary>The OpenID4VP redirect-flow transcript of the mdoc seeds: plain <c>direct_post</c>, no encryption key.</summary>
    public static SessionTranscript Transcript { get; } = SessionTranscript.ForOpenId4VpRedirect(ClientId, Nonce, ResponseEncryption.None, ResponseUri);

    /// <summary>The IACA root of the mdoc seeds (public certificate only).</summary>
    public static X509Certificate2 IacaRoot => LazyIacaRoot.Value;

    private static readonly Lazy<X509Certificate2> LazyIacaRoot = new(LoadIacaRoot);

    public static PublicJwk RecipientPublicJwk()
    {
        var parameters = RecipientKey.ExportParameters(includePrivateParameters: false);
        using var ecdsa = ECDsa.Create(parameters);
        return PublicJwk.FromECDsa(ecdsa, "rp-enc-1");
    }

    private static X509Certificate2 LoadIacaRoot()
    {
        using var stream = typeof(FuzzFixture).Assembly.GetManifestResourceStream("Wallet.Fuzz.Fixtures.iaca-root.pem")
            ?? throw new InvalidOperationException("The embedded resource Fixtures/iaca-root.pem is missing; run the seed generator.");
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return X509Certificate2.CreateFromPem(reader.ReadToEnd());
    }

    private static ECParameters Derive(string label) => new()
    {
        Curve = ECCurve.NamedCurves.nistP256,
        D = SHA256.HashData(Encoding.UTF8.GetBytes(label)),
    };

    private static ECDsa DeriveEcdsa(string label)
    {
        // Importing the scalar alone makes the platform compute the public point.
        var key = ECDsa.Create(Derive(label));
        return key;
    }

    private static ECDiffieHellman DeriveEcdh(string label) => ECDiffieHellman.Create(Derive(label));
}
