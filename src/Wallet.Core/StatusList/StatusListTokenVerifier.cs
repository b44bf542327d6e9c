using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Wallet.Core.Jose;
using Wallet.Core.Trust;

namespace Wallet.Core.StatusList;

/// <summary>
/// Verifies a Status List Token in JWT (§5.1) or CWT (§5.2) form following draft-ietf-oauth-status-list-20
/// §8.3: pinned <c>typ</c>, algorithm allow-list, a signer trusted through the same
/// <see cref="ICertificateChainValidator"/> that serves credentials (usage <see cref="CertificateUsage.StatusListSigner"/>)
/// or through a configured key, the signature, the required claims, <c>sub</c> equal to the expected URI,
/// and the token's time window. Fails closed: a signer that cannot be established is an error.
/// </summary>
public sealed class StatusListTokenVerifier
{
    private const int CoseTypeLabel = 16;
    private static readonly string[] JwtTypes = [StatusListMediaTypes.JwtType];

    private readonly ICertificateChainValidator? chainValidator;
    private readonly StatusListTokenVerifierOptions options;
    private readonly TimeProvider timeProvider;
    private readonly JoseLimits joseLimits;
    private readonly X5cLimits x5cLimits;

    /// <summary>Creates a verifier.</summary>
    /// <param name="chainValidator">Validates <c>x5c</c> / <c>x5chain</c>; pass the one used for credentials so trust is decided the same way. Null to rely only on <see cref="StatusListTokenVerifierOptions.TrustedKeys"/>.</param>
    /// <param name="options">Trust and limits; validated here.</param>
    /// <param name="timeProvider">The clock.</param>
    public StatusListTokenVerifier(ICertificateChainValidator? chainValidator, StatusListTokenVerifierOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        this.chainValidator = chainValidator;
        this.options = options with { TrustedKeys = [.. options.TrustedKeys] };
        this.timeProvider = timeProvider;
        joseLimits = new JoseLimits { MaxTokenLength = options.MaxTokenBytes, MaxDepth = options.ListLimits.MaxCborDepth };
        x5cLimits = new X5cLimits { MaxCertificates = options.MaxCertificateChainLength };
    }

    /// <summary>Verifies a compact JWS Status List Token whose <c>sub</c> must equal <paramref name="expectedSubject"/>.</summary>
    public StatusListTokenVerificationResult VerifyJwt(string token, Uri expectedSubject)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(expectedSubject);
        if (token.Length > options.MaxTokenBytes)
        {
            return Fail(StatusListErrorCodes.TooLarge, $"The Status List Token is {token.Length} characters long; the limit is {options.MaxTokenBytes}.");
        }

        if (!CompactJws.TryParse(token, joseLimits, out var jws, out var parseError))
        {
            return Fail(StatusListErrorCodes.Malformed, $"The Status List Token is not a valid JWS: {parseError.Message}");
        }

        var errors = new List<VerificationError>();
        if (!jws.HasType(JwtTypes))
        {
            errors.Add(new VerificationError(StatusListErrorCodes.TypeMismatch, $"The 'typ' header is '{jws.Type ?? "(missing)"}'; §5.1 requires '{StatusListMediaTypes.JwtType}'."));
        }

        if (!options.AlgorithmPolicy.TryResolve(jws.Algorithm, out var algorithm, out var algorithmError))
        {
            errors.Add(new VerificationError(StatusListErrorCodes.AlgorithmNotAllowed, algorithmError!.Message));
            return StatusListTokenVerificationResult.Failure(errors);
        }

        if (!TryReadX5c(jws.Header, out var chain, errors))
        {
            return StatusListTokenVerificationResult.Failure(errors);
        }

        if (!TryResolveKeys(chain, jws.KeyId is null ? null : Encoding.UTF8.GetBytes(jws.KeyId), algorithm!, errors, out var keys, out var chainResult))
        {
            return StatusListTokenVerificationResult.Failure(errors, chainResult);
        }

        var verified = false;
        foreach (var key in keys)
        {
            using (key)
            {
                verified = verified || jws.VerifySignature(key, algorithm!);
            }
        }

        if (!verified)
        {
            errors.Add(new VerificationError(StatusListErrorCodes.SignatureInvalid, $"The {algorithm} signature of the Status List Token does not verify with the trusted key."));
            return StatusListTokenVerificationResult.Failure(errors, chainResult);
        }

        var claims = ReadJwtClaims(jws.Payload, errors);
        return Finish(claims, expectedSubject, errors, chainResult);
    }

    /// <summary>Verifies a CWT Status List Token (tagged COSE_Sign1) whose <c>sub</c> must equal <paramref name="expectedSubject"/>.</summary>
    public StatusListTokenVerificationResult VerifyCwt(ReadOnlyMemory<byte> token, Uri expectedSubject)
    {
        ArgumentNullException.ThrowIfNull(expectedSubject);
        if (token.Length > options.MaxTokenBytes)
        {
            return Fail(StatusListErrorCodes.TooLarge, $"The Status List Token is {token.Length} bytes long; the limit is {options.MaxTokenBytes}.");
        }

        if (!StatusListCbor.IsWithinDepth(token, options.ListLimits.MaxCborDepth))
        {
            return Fail(StatusListErrorCodes.Malformed, $"The Status List Token is not one well-formed CBOR item within {options.ListLimits.MaxCborDepth} levels of nesting.");
        }

        var outer = new CborReader(token, CborConformanceMode.Lax);
        var tag = outer.PeekState() == CborReaderState.Tag ? outer.ReadTag() : (CborTag?)null;
        if (tag != (CborTag)18)
        {
            return Fail(StatusListErrorCodes.Malformed, tag == (CborTag)61
                ? "The Status List Token carries the CWT tag 61, which §5.2 forbids."
                : "The Status List Token is not a COSE_Sign1_Tagged structure (tag 18, §5.2).");
        }

        CoseSign1Message message;
        try
        {
            message = CoseSign1Message.DecodeSign1(token.ToArray());
        }
        catch (Exception e) when (e is CryptographicException or OverflowException or CborContentException or InvalidOperationException)
        {
            // DecodeSign1 reports most malformed input as CryptographicException, but lets its CborReader's own
            // exceptions through: an integer header label beyond Int32 (RFC 9052 §3.1 allows any int) throws
            // OverflowException. Every one of them means the same thing here: not a COSE_Sign1 we can read.
            return Fail(StatusListErrorCodes.Malformed, "The Status List Token is not a valid COSE_Sign1 structure (RFC 9052 §4.2).");
        }

        if (message.Content is not { } payload)
        {
            return Fail(StatusListErrorCodes.Malformed, "The Status List Token has a detached payload; the CWT claims must be embedded.");
        }

        var errors = new List<VerificationError>();
        if (!TryGetProtectedString(message, CoseTypeLabel, out var typ) || !string.Equals(typ, StatusListMediaTypes.Cwt, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new VerificationError(StatusListErrorCodes.TypeMismatch, $"The protected 'typ' (label 16) is '{typ ?? "(missing or not a text string)"}'; §5.2 requires '{StatusListMediaTypes.Cwt}'."));
        }

        if (!TryResolveCoseAlgorithm(message, out var algorithm, out var algorithmError))
        {
            errors.Add(algorithmError);
            return StatusListTokenVerificationResult.Failure(errors);
        }

        if (!TryReadX5Chain(message, out var chain, errors))
        {
            return StatusListTokenVerificationResult.Failure(errors);
        }

        if (!TryResolveKeys(chain, GetKeyId(message), algorithm, errors, out var keys, out var chainResult))
        {
            return StatusListTokenVerificationResult.Failure(errors, chainResult);
        }

        var verified = false;
        foreach (var key in keys)
        {
            using (key)
            {
                verified = verified || VerifyCose(message, key);
            }
        }

        if (!verified)
        {
            errors.Add(new VerificationError(StatusListErrorCodes.SignatureInvalid, $"The {algorithm} COSE_Sign1 signature of the Status List Token does not verify with the trusted key."));
            return StatusListTokenVerificationResult.Failure(errors, chainResult);
        }

        var claims = ReadCwtClaims(payload, errors);
        return claims is null
            ? StatusListTokenVerificationResult.Failure(errors, chainResult)
            : Finish(claims, expectedSubject, errors, chainResult);
    }

    private static StatusListTokenVerificationResult Fail(string code, string message) =>
        StatusListTokenVerificationResult.Failure([new VerificationError(code, message)]);

    private bool TryResolveKeys(IReadOnlyList<X509Certificate2>? chain, byte[]? keyId, JwsAlgorithm algorithm, List<VerificationError> errors, out List<ECDsa> keys, out CertificateChainValidationResult? chainResult)
    {
        keys = [];
        chainResult = null;
        if (chain is not null && chainValidator is not null)
        {
            chainResult = chainValidator.Validate(chain, CertificateUsage.StatusListSigner, timeProvider.GetUtcNow());
            if (!chainResult.IsValid)
            {
                errors.Add(new VerificationError(StatusListErrorCodes.Untrusted, "The Status List Token's certificate chain is not accepted for a status list signer."));
                errors.AddRange(chainResult.Errors);
                return false;
            }

            var leafKey = chainResult.Leaf.GetECDsaPublicKey();
            if (leafKey is null)
            {
                errors.Add(new VerificationError(StatusListErrorCodes.Untrusted, "The Status List Token's signer certificate does not hold an EC public key."));
                return false;
            }

            if (!PublicJwk.FromECDsa(leafKey).Algorithm.Equals(algorithm))
            {
                leafKey.Dispose();
                errors.Add(new VerificationError(StatusListErrorCodes.SignatureInvalid, $"The token is signed with {algorithm} but the signer certificate's key is on a different curve."));
                return false;
            }

            keys.Add(leafKey);
            return true;
        }

        if (options.TrustedKeys.Count > 0)
        {
            var kid = keyId is null ? null : Encoding.UTF8.GetString(keyId);
            foreach (var candidate in options.TrustedKeys)
            {
                if (candidate.Algorithm.Equals(algorithm) && (kid is null || candidate.KeyId is null || string.Equals(candidate.KeyId, kid, StringComparison.Ordinal)))
                {
                    keys.Add(candidate.ToECDsa());
                }
            }

            if (keys.Count > 0)
            {
                return true;
            }

            errors.Add(new VerificationError(StatusListErrorCodes.Untrusted, $"No configured status list key matches the token's kid and {algorithm}."));
            return false;
        }

        errors.Add(new VerificationError(StatusListErrorCodes.Untrusted, chain is null
            ? "The Status List Token carries no certificate chain and no status list key is configured."
            : "The Status List Token carries a certificate chain but no certificate chain validator is configured."));
        return false;
    }

    private bool TryReadX5c(JsonElement header, out IReadOnlyList<X509Certificate2>? chain, List<VerificationError> errors)
    {
        chain = null;
        if (!header.TryGetProperty("x5c", out var x5c))
        {
            return true;
        }

        if (X5cParser.TryParseX5c(x5c, out chain, out var error, x5cLimits, DecodedCertificateCache.Shared))
        {
            return true;
        }

        errors.Add(new VerificationError(StatusListErrorCodes.Malformed, "The Status List Token's 'x5c' header cannot be parsed (RFC 7515 §4.1.6)."));
        errors.Add(error);
        return false;
    }

    private bool TryReadX5Chain(CoseSign1Message message, out IReadOnlyList<X509Certificate2>? chain, List<VerificationError> errors)
    {
        chain = null;
        var label = new CoseHeaderLabel(X5cParser.X5ChainLabel);
        if (!message.ProtectedHeaders.TryGetValue(label, out var value) && !message.UnprotectedHeaders.TryGetValue(label, out value))
        {
            return true;
        }

        if (X5cParser.TryParseX5chain(value.EncodedValue, out chain, out var error, x5cLimits, DecodedCertificateCache.Shared))
        {
            return true;
        }

        errors.Add(new VerificationError(StatusListErrorCodes.Malformed, "The Status List Token's 'x5chain' header (label 33) cannot be parsed (RFC 9360 §2)."));
        errors.Add(error);
        return false;
    }

    private bool TryResolveCoseAlgorithm(CoseSign1Message message, out JwsAlgorithm algorithm, out VerificationError error)
    {
        algorithm = null!;
        error = null!;
        int? id = null;
        if (message.ProtectedHeaders.TryGetValue(CoseHeaderLabel.Algorithm, out var value))
        {
            try
            {
                id = value.GetValueAsInt32();
            }
            catch (InvalidOperationException)
            {
                id = null;
            }
        }

        if (id is { } coseId && JwsAlgorithm.TryFromCose(coseId, out var resolved) && options.AlgorithmPolicy.Allowed.Contains(resolved))
        {
            algorithm = resolved;
            return true;
        }

        error = new VerificationError(StatusListErrorCodes.AlgorithmNotAllowed, id is null
            ? "The protected header has no integer 'alg' (label 1)."
            : $"The COSE algorithm {id} is not on the allow-list ({string.Join(", ", options.AlgorithmPolicy.Allowed)}).");
        return false;
    }

    private static bool TryGetProtectedString(CoseSign1Message message, int label, out string? value)
    {
        value = null;
        if (!message.ProtectedHeaders.TryGetValue(new CoseHeaderLabel(label), out var header))
        {
            return false;
        }

        try
        {
            value = header.GetValueAsString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static byte[]? GetKeyId(CoseSign1Message message)
    {
        if (!message.ProtectedHeaders.TryGetValue(CoseHeaderLabel.KeyIdentifier, out var value)
            && !message.UnprotectedHeaders.TryGetValue(CoseHeaderLabel.KeyIdentifier, out value))
        {
            return null;
        }

        try
        {
            return value.GetValueAsBytes();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool VerifyCose(CoseSign1Message message, ECDsa key)
    {
        try
        {
            return message.VerifyEmbedded(key);
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private ClaimSet ReadJwtClaims(JsonElement payload, List<VerificationError> errors)
    {
        var claims = new ClaimSet();
        if (payload.TryGetProperty("sub", out var sub))
        {
            claims.Subject = sub.ValueKind == JsonValueKind.String ? sub.GetString() : null;
            claims.SubjectInvalid = claims.Subject is null;
        }

        claims.IssuedAt = ReadJsonDate(payload, "iat", errors, ref claims.IssuedAtInvalid);
        claims.ExpiresAt = ReadJsonDate(payload, "exp", errors, ref claims.ExpiresAtInvalid);
        claims.NotBefore = ReadJsonDate(payload, "nbf", errors, ref claims.NotBeforeInvalid);
        if (payload.TryGetProperty("ttl", out var ttl))
        {
            claims.TimeToLiveSeconds = ttl.ValueKind == JsonValueKind.Number && ttl.TryGetDouble(out var seconds) ? seconds : double.NaN;
        }

        if (payload.TryGetProperty("iss", out var iss))
        {
            claims.Issuer = iss.ValueKind == JsonValueKind.String ? iss.GetString() : null;
            if (claims.Issuer is null)
            {
                errors.Add(InvalidClaim("'iss' is not a string"));
            }
        }

        if (payload.TryGetProperty("status_list", out var statusList))
        {
            claims.StatusListPresent = true;
            if (StatusList.TryParseJson(statusList, options.ListLimits, out var list, out var listError))
            {
                claims.StatusList = list;
            }
            else
            {
                errors.Add(listError);
            }
        }

        return claims;
    }

    private static long? ReadJsonDate(JsonElement payload, string name, List<VerificationError> errors, ref bool invalid)
    {
        if (!payload.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt64(out var whole))
            {
                return whole;
            }

            if (value.TryGetDouble(out var fractional) && double.IsFinite(fractional) && Math.Abs(fractional) < 1e15)
            {
                return (long)Math.Floor(fractional);
            }
        }

        invalid = true;
        errors.Add(InvalidClaim($"'{name}' is not a NumericDate (RFC 7519 §2)"));
        return null;
    }

    private ClaimSet? ReadCwtClaims(ReadOnlyMemory<byte> payload, List<VerificationError> errors)
    {
        var claims = new ClaimSet();
        try
        {
            var reader = new CborReader(payload, CborConformanceMode.Strict);
            if (!StatusListCbor.IsWithinDepth(payload, options.ListLimits.MaxCborDepth) || reader.PeekState() != CborReaderState.StartMap)
            {
                errors.Add(new VerificationError(StatusListErrorCodes.Malformed, "The CWT claims set is not a CBOR map (RFC 8392 §7.1)."));
                return null;
            }

            reader.ReadStartMap();
            while (reader.PeekState() != CborReaderState.EndMap)
            {
                if (reader.PeekState() is not (CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger))
                {
                    reader.SkipValue();
                    reader.SkipValue();
                    continue;
                }

                if (!ReadCwtClaim(reader, reader.ReadInt64(), claims, errors))
                {
                    // The reader stopped inside the status list; what follows cannot be read reliably.
                    return null;
                }
            }

            reader.ReadEndMap();
            if (reader.BytesRemaining != 0)
            {
                errors.Add(new VerificationError(StatusListErrorCodes.Malformed, "The CWT payload has bytes after the claims set."));
            }
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or FormatException or OverflowException)
        {
            errors.Add(new VerificationError(StatusListErrorCodes.Malformed, "The CWT claims set is not valid CBOR (duplicate keys or invalid encoding)."));
            return null;
        }

        return claims;
    }

    private bool ReadCwtClaim(CborReader reader, long key, ClaimSet claims, List<VerificationError> errors)
    {
        switch (key)
        {
            case 1:
                claims.Issuer = reader.PeekState() == CborReaderState.TextString ? reader.ReadTextString() : null;
                if (claims.Issuer is null)
                {
                    reader.SkipValue();
                    errors.Add(InvalidClaim("'iss' (1) is not a text string"));
                }

                break;
            case 2:
                claims.Subject = reader.PeekState() == CborReaderState.TextString ? reader.ReadTextString() : null;
                if (claims.Subject is null)
                {
                    reader.SkipValue();
                    claims.SubjectInvalid = true;
                }

                break;
            case 4:
                claims.ExpiresAt = ReadCborDate(reader, "exp (4)", errors, ref claims.ExpiresAtInvalid);
                break;
            case 5:
                claims.NotBefore = ReadCborDate(reader, "nbf (5)", errors, ref claims.NotBeforeInvalid);
                break;
            case 6:
                claims.IssuedAt = ReadCborDate(reader, "iat (6)", errors, ref claims.IssuedAtInvalid);
                break;
            case StatusListToken.TtlClaimKey:
                claims.TimeToLiveSeconds = reader.PeekState() is CborReaderState.UnsignedInteger or CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat
                    ? (reader.PeekState() == CborReaderState.UnsignedInteger ? reader.ReadUInt64() : reader.ReadDouble())
                    : SkipAndReturn(reader, double.NaN);
                break;
            case StatusListToken.StatusListClaimKey:
                claims.StatusListPresent = true;
                if (StatusList.TryReadCbor(reader, options.ListLimits, out var list, out var listError))
                {
                    claims.StatusList = list;
                }
                else
                {
                    errors.Add(listError);
                    return false;
                }

                break;
            default:
                reader.SkipValue();
                break;
        }

        return true;
    }

    private static double SkipAndReturn(CborReader reader, double value)
    {
        reader.SkipValue();
        return value;
    }

    private static long? ReadCborDate(CborReader reader, string name, List<VerificationError> errors, ref bool invalid)
    {
        if (StatusListCbor.TryReadNumericDate(reader, out var seconds))
        {
            return seconds;
        }

        invalid = true;
        errors.Add(InvalidClaim($"'{name}' is not a NumericDate (RFC 8392 §2)"));
        return null;
    }

    private StatusListTokenVerificationResult Finish(ClaimSet claims, Uri expectedSubject, List<VerificationError> errors, CertificateChainValidationResult? chainResult)
    {
        var now = timeProvider.GetUtcNow();
        var skew = options.ClockSkew;

        Uri? subject = null;
        if (claims.Subject is null)
        {
            errors.Add(claims.SubjectInvalid ? InvalidClaim("'sub' is not a string") : MissingClaim("sub"));
        }
        else if (!string.Equals(claims.Subject, expectedSubject.OriginalString, StringComparison.Ordinal))
        {
            errors.Add(new VerificationError(StatusListErrorCodes.SubjectMismatch, $"The token's 'sub' is '{claims.Subject}' but the Referenced Token's 'uri' is '{expectedSubject.OriginalString}' (§8.3)."));
        }
        else if (!Uri.TryCreate(claims.Subject, UriKind.Absolute, out subject))
        {
            errors.Add(InvalidClaim("'sub' is not an absolute URI"));
        }

        var issuedAt = ToInstant(claims.IssuedAt, "iat", errors);
        if (claims.IssuedAt is null && !claims.IssuedAtInvalid)
        {
            errors.Add(MissingClaim("iat"));
        }

        if (issuedAt is { } iat)
        {
            if (iat > now + skew)
            {
                errors.Add(new VerificationError(StatusListErrorCodes.NotYetValid, $"The token's 'iat' ({iat:O}) lies in the future."));
            }

            if (options.MaxAge is { } maxAge && now - iat > maxAge + skew)
            {
                errors.Add(new VerificationError(StatusListErrorCodes.Stale, $"The token was issued at {iat:O}, more than {maxAge} ago."));
            }
        }

        var expiresAt = ToInstant(claims.ExpiresAt, "exp", errors);
        if (expiresAt is { } exp)
        {
            if (now >= exp + skew)
            {
                errors.Add(new VerificationError(StatusListErrorCodes.Expired, $"The token expired at {exp:O} (§8.3)."));
            }

            if (issuedAt is { } issued && exp <= issued)
            {
                errors.Add(InvalidClaim("'exp' does not lie after 'iat'"));
            }
        }

        if (ToInstant(claims.NotBefore, "nbf", errors) is { } nbf && now + skew < nbf)
        {
            errors.Add(new VerificationError(StatusListErrorCodes.NotYetValid, $"The token is not valid before {nbf:O}."));
        }

        TimeSpan? timeToLive = null;
        if (claims.TimeToLiveSeconds is { } ttl)
        {
            if (!double.IsFinite(ttl) || ttl <= 0)
            {
                errors.Add(InvalidClaim("'ttl' is not a positive number (§5.1)"));
            }
            else
            {
                // Ten years is far beyond any useful cache lifetime and keeps TimeSpan arithmetic safe.
                timeToLive = TimeSpan.FromSeconds(Math.Min(Math.Ceiling(ttl), 315_360_000));
            }
        }

        if (!claims.StatusListPresent)
        {
            errors.Add(MissingClaim("status_list"));
        }

        if (errors.Count > 0 || subject is null || issuedAt is null || claims.StatusList is null)
        {
            return StatusListTokenVerificationResult.Failure(errors.Count > 0 ? errors : [new VerificationError(StatusListErrorCodes.Malformed, "The Status List Token is incomplete.")], chainResult);
        }

        var token = new StatusListToken(subject, issuedAt.Value, claims.StatusList, expiresAt, timeToLive, claims.Issuer);
        return StatusListTokenVerificationResult.Success(token, chainResult);
    }

    private static DateTimeOffset? ToInstant(long? seconds, string name, List<VerificationError> errors)
    {
        if (seconds is null)
        {
            return null;
        }

        if (seconds < DateTimeOffset.MinValue.ToUnixTimeSeconds() || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            errors.Add(InvalidClaim($"'{name}' is outside the representable range"));
            return null;
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds.Value);
    }

    private static VerificationError MissingClaim(string name) =>
        new(StatusListErrorCodes.MissingClaim, $"The Status List Token lacks the required '{name}' claim (§5.1, §5.2).");

    private static VerificationError InvalidClaim(string reason) =>
        new(StatusListErrorCodes.InvalidClaim, $"Invalid Status List Token claim: {reason}.");

    private sealed class ClaimSet
    {
        public string? Subject;
        public bool SubjectInvalid;
        public long? IssuedAt;
        public bool IssuedAtInvalid;
        public long? ExpiresAt;
        public bool ExpiresAtInvalid;
        public long? NotBefore;
        public bool NotBeforeInvalid;
        public double? TimeToLiveSeconds;
        public string? Issuer;
        public bool StatusListPresent;
        public StatusList? StatusList;
    }
}
