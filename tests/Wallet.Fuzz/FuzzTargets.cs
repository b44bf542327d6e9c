using System.Text;
using Wallet.Core;
using Wallet.Core.Dcql;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Fuzz;

/// <summary>
/// The harnesses, one per parser family named in the hardening issue: SD-JWT, JWS/JWE, CBOR/mdoc, DCQL and status
/// lists. Each runs the public entry point a Verifier or wallet calls with bytes from the network, with the fixed
/// keys and clock of <see cref="FuzzFixture"/>, and checks that a rejection names its failed check.
/// </summary>
/// <remarks>
/// No Wallet.Core object may be created before the engine starts (<c>Fuzzer.Run</c>): the instrumented assembly
/// writes to AFL's coverage map from its first instruction, and the map exists only from then on. So every
/// Wallet.Core object here is created lazily, inside the first run.
/// </remarks>
internal static class FuzzTargets
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private static readonly IReadOnlyCollection<string> JwtTypes = ["JWT", "dc+sd-jwt", "kb+jwt", "statuslist+jwt"];

    private static readonly Lazy<SdJwtVerifier> SdJwtVerifier = new(() => new SdJwtVerifier(new SdJwtVerifierOptions
    {
        IssuerKeyResolver = new StaticIssuerKeyResolver(FuzzFixture.IssuerKey.PublicJwk, FuzzFixture.Issuer),
        AcceptedTypes = SdJwtVcClaims.AcceptedTypes,
        TimeProvider = FuzzFixture.Clock,
    }));

    private static readonly Lazy<MdocVerifier> MdocVerifier = new(() => new MdocVerifier(new MdocVerifierOptions
    {
        ChainValidator = new X509ChainValidator(TrustAnchorStore.FromCertificates([FuzzFixture.IacaRoot], LevelOfAssurance.High)),
        TimeProvider = FuzzFixture.Clock,
        AllowUncheckedStatus = true,
    }));

    private static readonly Lazy<StatusListTokenVerifier> StatusListVerifier = new(() => new StatusListTokenVerifier(
        chainValidator: null,
        new StatusListTokenVerifierOptions { TrustedKeys = [FuzzFixture.StatusListKey.PublicJwk] },
        FuzzFixture.Clock));

    /// <summary>Every harness, in the order campaigns run them.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("sd-jwt", "SD-JWT VC presentation: SdJwt.TryParse, then SdJwtVerifier.VerifyAsync with key binding", SdJwt),
        new("jws", "Compact JWS: CompactJws.TryParse, its header members, Verify against the issuer key", Jws),
        new("jwe", "Compact JWE: EcdhEsJwe.TryDecrypt with the Verifier's ECDH-ES key", Jwe),
        new("mdoc-device-response", "mdoc DeviceResponse: DeviceResponse.TryParse, then MdocVerifier.VerifyAsync", MdocDeviceResponse),
        new("mdoc-issuer-signed", "mdoc IssuerSigned: IssuerSigned.TryParse, ToJsonNameSpaces, MdocVerifier.VerifyIssuerSignedAsync", MdocIssuerSigned),
        new("dcql", "DCQL query: DcqlQuery.TryParse", Dcql),
        new("status-list-jwt", "Status List Token as JWT: StatusListTokenVerifier.VerifyJwt", StatusListJwt),
        new("status-list-cwt", "Status List Token as CWT: StatusListTokenVerifier.VerifyCwt", StatusListCwt),
        new("status-list-decompress", "Status list bytes: first byte = bits, rest = zlib: StatusList.TryDecompress", StatusListDecompress),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    private static bool SdJwt(byte[] input)
    {
        var compact = Utf8.GetString(input);
        if (!Wallet.Core.SdJwt.SdJwt.TryParse(compact, SdJwtLimits.Default, out _, out var error))
        {
            RequireCode(error);
        }

        var result = SdJwtVerifier.Value.VerifyAsync(compact, new KeyBindingExpectation(FuzzFixture.ClientId, FuzzFixture.Nonce)).AsTask().GetAwaiter().GetResult();
        return RequireCodes(result.IsValid, result.Errors);
    }

    private static bool Jws(byte[] input)
    {
        if (!CompactJws.TryParse(Utf8.GetString(input), JoseLimits.Default, out var jws, out var error))
        {
            RequireCode(error);
            return false;
        }

        _ = (jws.Algorithm, jws.Type, jws.KeyId);
        var errors = jws.Verify(FuzzFixture.IssuerKey.PublicJwk, JwsAlgorithmPolicy.Default, JwtTypes);
        return RequireCodes(errors.Count == 0, errors);
    }

    private static bool Jwe(byte[] input)
    {
        if (!EcdhEsJwe.TryDecrypt(Utf8.GetString(input), FuzzFixture.RecipientKey, JweDecryptionOptions.Default, out var decrypted, out var error))
        {
            RequireCode(error);
            return false;
        }

        _ = decrypted.Plaintext.Length;
        return true;
    }

    private static bool MdocDeviceResponse(byte[] input)
    {
        if (!DeviceResponse.TryParse(input, out _, out var error))
        {
            RequireCode(error);
        }

        var result = MdocVerifier.Value.VerifyAsync(input, FuzzFixture.Transcript).AsTask().GetAwaiter().GetResult();
        return RequireCodes(result.IsValid, [.. result.AllErrors]);
    }

    private static bool MdocIssuerSigned(byte[] input)
    {
        if (!IssuerSigned.TryParse(input, out var issuerSigned, out var error))
        {
            RequireCode(error);
            return false;
        }

        _ = issuerSigned.ToJsonNameSpaces().ToJsonString();
        var result = MdocVerifier.Value.VerifyIssuerSignedAsync(issuerSigned).AsTask().GetAwaiter().GetResult();
        return RequireCodes(result.IsValid, result.Errors);
    }

    private static bool Dcql(byte[] input)
    {
        if (!DcqlQuery.TryParse(Utf8.GetString(input), out var query, out var errors))
        {
            return RequireCodes(valid: false, errors);
        }

        _ = query.Credentials.Count + query.CredentialSets.Count;
        return true;
    }

    private static bool StatusListJwt(byte[] input)
    {
        var result = StatusListVerifier.Value.VerifyJwt(Utf8.GetString(input), FuzzFixture.StatusListUri);
        return RequireCodes(result.IsValid, result.Errors);
    }

    private static bool StatusListCwt(byte[] input)
    {
        var result = StatusListVerifier.Value.VerifyCwt(input, FuzzFixture.StatusListUri);
        return RequireCodes(result.IsValid, result.Errors);
    }

    private static bool StatusListDecompress(byte[] input)
    {
        if (input.Length == 0)
        {
            return false;
        }

        if (!StatusList.TryDecompress(input[0], input.AsSpan(1), StatusListLimits.Default, out var list, out var error))
        {
            RequireCode(error);
            return false;
        }

        // Read the first, the last and one index past the end: the typed lookup must answer each without throwing.
        _ = list.TryGetStatus(0, out _);
        _ = list.TryGetStatus(list.Count - 1, out _);
        _ = list.TryGetStatus(list.Count, out _);
        _ = list.ToJsonObject().ToJsonString();
        return true;
    }

    private static void RequireCode(VerificationError? error)
    {
        if (error is null || string.IsNullOrWhiteSpace(error.Code))
        {
            throw new TypedResultViolation($"A rejection carries no error code: {error}.");
        }
    }

    private static bool RequireCodes(bool valid, IReadOnlyList<VerificationError> errors)
    {
        if (!valid && errors.Count == 0)
        {
            throw new TypedResultViolation("An invalid result lists no failed check.");
        }

        foreach (var error in errors)
        {
            RequireCode(error);
        }

        return valid;
    }
}
