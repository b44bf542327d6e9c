using System.Buffers.Text;
using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core;
using Wallet.Core.Jose;
using Wallet.Core.Json;
using Wallet.Core.Mdoc;
using Wallet.Core.SdJwt;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Cli.Commands;

/// <summary>
/// <c>wallet status</c>: Token Status Lists (draft-ietf-oauth-status-list). <c>decode</c> shows a Status List Token
/// (JWT or CWT, from a file or a URL) and its statuses, verifying it when trust is given; <c>check</c> follows a
/// credential's status reference and reports its entry.
/// </summary>
internal static class StatusCommand
{
    private static readonly JoseLimits TokenLimits = new() { MaxTokenLength = InputReader.MaxInputLength };
    private static readonly MdocLimits CwtLimits = new() { MaxInputBytes = InputReader.MaxInputLength };

    public static Command Create(CliContext context) =>
        new("status", "Token Status Lists: decode a Status List Token, or check a credential's status entry.") { CreateDecode(context), CreateCheck(context) };

    private static Command CreateDecode(CliContext context)
    {
        var source = new Argument<string>("FILE|URL") { Description = "A Status List Token (JWT, or CWT as binary, hex or base64url) in a file, or the https URL it is served at; '-' reads stdin." };
        var trust = new Option<string[]>("--trust") { HelpName = "CA.pem|DIR", Description = "Verify the token: its x5c/x5chain must chain to this trust anchor (file or folder); repeatable." };
        var trustKey = new Option<string[]>("--trust-key") { HelpName = "JWK", Description = "Verify the token with this public key (JWK or PEM), for tokens signed without a certificate; repeatable." };
        var all = new Option<bool>("--all") { Description = "Also list every entry's status, in index order." };
        var at = new Option<long?>("--at") { HelpName = "UNIXTIME", Description = "Check the token's time window as of this time (Unix seconds) instead of now." };
        var allowHttpLoopback = StatusChecking.CreateAllowHttpLoopbackOption();
        var command = new Command("decode", "Decode a Status List Token: header, claims and the statuses (bits, count, non-zero entries); verified when --trust or --trust-key is given.")
        {
            source, trust, trustKey, all, at, allowHttpLoopback,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var from = parseResult.GetValue(source)!;
            var timeProvider = parseResult.GetValue(at) is { } seconds ? new FixedTimeProvider(VerifyCommand.FromUnixSeconds(seconds)) : context.TimeProvider;
            var anchors = parseResult.GetValue(trust) is { Length: > 0 } trustPaths ? VerifyCommand.LoadTrustAnchors(trustPaths) : null;
            var keys = (parseResult.GetValue(trustKey) ?? []).Select(path => KeyFiles.ReadPublicKey(path, context, "status list key")).ToList();
            Uri? fetchedFrom = null;
            byte[] bytes;
            if (LooksLikeUrl(from))
            {
                fetchedFrom = ParseUrl(from, parseResult.GetValue(allowHttpLoopback));
                bytes = await FetchAsync(fetchedFrom, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                bytes = CredentialInput.ReadBytes(from, context, "Status List Token");
            }

            if (!TryDecode(bytes, out var decoded, out var error))
            {
                context.Stderr.WriteLine($"error: '{from}' is not a Status List Token: {error.Code}: {error.Message}");
                return ExitCodes.Invalid;
            }

            var report = decoded.Describe(parseResult.GetValue(all));
            var valid = true;
            if (anchors is not null || keys.Count > 0)
            {
                var errors = Verify(decoded, fetchedFrom, anchors, keys, timeProvider);
                valid = errors.Count == 0;
                report["verified"] = valid;
                report["errors"] = ToJson(errors);
            }
            else
            {
                context.Warn("decoded only: the token's signature was not verified (give --trust or --trust-key).");
            }

            JsonOutput.Write(context.Stdout, report);
            return valid ? ExitCodes.Success : ExitCodes.Invalid;
        });
        return command;
    }

    private static Command CreateCheck(CliContext context)
    {
        var file = new Argument<string>("CREDENTIAL") { Description = "An SD-JWT VC, or an mdoc (IssuerSigned or DeviceResponse: binary, hex or base64url); '-' reads stdin." };
        var trust = new Option<string[]>("--trust")
        { HelpName = "CA.pem|DIR",
            Description = "Trust anchor for the Status List Token's signer certificate (file or folder); repeatable.",
            Required = true,
        };
        var at = new Option<long?>("--at") { HelpName = "UNIXTIME", Description = "Check the token's time window as of this time (Unix seconds) instead of now." };
        var allowHttpLoopback = StatusChecking.CreateAllowHttpLoopbackOption();
        var command = new Command("check", "Fetch and verify the Status List Token a credential refers to and print its entry (exit 0 valid, 1 otherwise). The credential itself is not verified; see 'verify --check-status'.")
        {
            file, trust, at, allowHttpLoopback,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var timeProvider = parseResult.GetValue(at) is { } seconds ? new FixedTimeProvider(VerifyCommand.FromUnixSeconds(seconds)) : context.TimeProvider;
            var store = VerifyCommand.LoadTrustAnchors(parseResult.GetValue(trust) ?? []);
            var input = CredentialInput.Read(parseResult.GetValue(file)!, context, "credential");
            var reference = ReadReference(input, context, out var referenceError);
            if (reference is null)
            {
                JsonOutput.Write(context.Stdout, CheckReport(null, null, [referenceError!]));
                return ExitCodes.Invalid;
            }

            using var httpClient = new HttpClient();
            var checker = VerifyCommand.CreateVerifiers(store, timeProvider, httpClient, parseResult.GetValue(allowHttpLoopback)).StatusChecker!;
            var result = await checker.CheckAsync(reference, cancellationToken).ConfigureAwait(false);
            JsonOutput.Write(context.Stdout, CheckReport(reference, result.Status, result.Errors));
            return result.IsValid ? ExitCodes.Success : ExitCodes.Invalid;
        });
        return command;
    }

    private static JsonObject CheckReport(StatusListReference? reference, byte? status, IReadOnlyList<VerificationError> errors) => new()
    {
        ["uri"] = reference?.Uri.OriginalString,
        ["index"] = reference?.Index,
        ["status"] = status is { } value ? StatusChecking.Describe(value) : null,
        ["errors"] = ToJson(errors),
    };

    /// <summary>The credential's status reference; null with the reason when it has none or it is malformed.</summary>
    private static StatusListReference? ReadReference(CredentialInput input, CliContext context, out VerificationError? error)
    {
        error = null;
        if (input.IsCbor)
        {
            var structure = input.ParseMdoc();
            if (structure.Error is { } mdocError)
            {
                throw new UsageException($"'{input.Path}' is not an mdoc: {mdocError.Code}: {mdocError.Message}");
            }

            if (structure.DeviceResponse is { Documents.Count: > 1 })
            {
                context.Warn("the DeviceResponse holds several documents; checking the first.");
            }

            var documents = structure.DeviceResponse?.Documents ?? [];
            var issued = structure.IssuerSigned ?? (documents.Count > 0 ? documents[0].IssuerSigned : null)
                ?? throw new UsageException($"The DeviceResponse '{input.Path}' holds no document.");
            var mso = issued.IssuerAuth.MobileSecurityObject;
            if (mso.StatusList is { } listReference)
            {
                return listReference;
            }

            error = mso.HasStatus
                ? new VerificationError(MdocErrorCodes.StatusUnchecked, "The MSO status names no 'status_list'; no other status mechanism is supported.")
                : throw new UsageException($"The mdoc '{input.Path}' has no status reference (MSO 'status'); there is nothing to check.");
            return null;
        }

        if (!SdJwt.TryParse(input.Text!, SdJwtLimits.Default, out var sdJwt, out var parseError))
        {
            throw new UsageException($"'{input.Path}' is neither an SD-JWT nor an mdoc: {parseError.Code}: {parseError.Message}");
        }

        if (!sdJwt.IssuerSignedJwt.Payload.TryGetProperty("status", out var status))
        {
            throw new UsageException($"The SD-JWT '{input.Path}' has no 'status' claim; there is nothing to check.");
        }

        return StatusClaim.TryParse(status, out var reference, out error) ? reference : null;
    }

    private static List<VerificationError> Verify(DecodedToken decoded, Uri? fetchedFrom, TrustAnchorStore? anchors, IReadOnlyList<PublicJwk> keys, TimeProvider timeProvider)
    {
        // A file has no URL to hold 'sub' against, so its own 'sub' is expected; a fetched token must name the URL (§8.3).
        Uri? expected = fetchedFrom;
        if (expected is null && !Uri.TryCreate(decoded.Subject, UriKind.Absolute, out expected))
        {
            return [new VerificationError(StatusListErrorCodes.MissingClaim, "The token has no absolute-URI 'sub' to verify it against (§5.1, §5.2).")];
        }

        // Without anchors only the pinned keys are trusted, and an x5c is not looked at (there is nothing to chain it to).
        var verifier = anchors is null
            ? new StatusListTokenVerifier(null, new StatusListTokenVerifierOptions { TrustedKeys = keys }, timeProvider)
            : VerifyCommand.CreateVerifiers(anchors, timeProvider, trustedStatusListKeys: keys).StatusListTokenVerifier;
        var result = decoded.Jwt is { } jwt ? verifier.VerifyJwt(jwt, expected) : verifier.VerifyCwt(decoded.Cwt, expected);
        return result.IsValid ? [] : result.Errors.ToList();
    }

    private static bool TryDecode(byte[] bytes, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DecodedToken? decoded, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out VerificationError? error)
    {
        var text = bytes.All(b => b is (>= 0x20 and < 0x7F) or (byte)'\n' or (byte)'\r' or (byte)'\t') ? Encoding.ASCII.GetString(bytes).Trim() : null;
        if (text is not null && text.Count(c => c == '.') == 2)
        {
            return TryDecodeJwt(text, out decoded, out error);
        }

        var cwt = bytes;
        if (text is not null)
        {
            cwt = text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit) ? Convert.FromHexString(text)
                : Base64Url.IsValid(text) ? Base64Url.DecodeFromChars(text)
                : bytes;
        }

        return TryDecodeCwt(cwt, out decoded, out error);
    }

    private static bool TryDecodeJwt(string token, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DecodedToken? decoded, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out VerificationError? error)
    {
        decoded = null;
        if (!CompactJws.TryParse(token, TokenLimits, out var jws, out error))
        {
            return false;
        }

        if (!jws.Payload.TryGetProperty("status_list", out var listElement))
        {
            error = new VerificationError(StatusListErrorCodes.MissingClaim, "The token has no 'status_list' claim (§5.1).");
            return false;
        }

        if (!StatusList.TryParseJson(listElement, StatusListLimits.Default, out var list, out error))
        {
            return false;
        }

        var subject = jws.Payload.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString() : null;
        decoded = new DecodedToken("jwt", StrictJson.ToNode(jws.Header), null, StrictJson.ToNode(jws.Payload), list, subject, token, default);
        return true;
    }

    private static bool TryDecodeCwt(byte[] token, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DecodedToken? decoded, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out VerificationError? error)
    {
        decoded = null;
        if (!CborValue.TryDecode(token, out var value, out error, CwtLimits))
        {
            return false;
        }

        // COSE_Sign1_Tagged (RFC 9052 §4.2): 18([protected bstr, unprotected map, payload bstr, signature bstr]).
        if (value.Kind != CborValueKind.Tagged || value.Tag != 18 || value.AsTaggedContent() is not { Kind: CborValueKind.Array } sign1
            || sign1.AsArray() is not [{ Kind: CborValueKind.Bytes } protectedHeader, { Kind: CborValueKind.Map } unprotectedHeader, { Kind: CborValueKind.Bytes } payload, _])
        {
            error = new VerificationError(StatusListErrorCodes.Malformed, "The token is neither a compact JWS nor a COSE_Sign1_Tagged structure (tag 18, §5.2).");
            return false;
        }

        if (!CborValue.TryDecode(payload.AsBytes(), out var claims, out error, CwtLimits) || claims.Kind != CborValueKind.Map)
        {
            error ??= new VerificationError(StatusListErrorCodes.Malformed, "The CWT payload is not a map of claims (§5.2).");
            return false;
        }

        var listClaim = claims.AsMap().FirstOrDefault(e => e.Key.Kind == CborValueKind.Integer && e.Key.AsInteger() == StatusListToken.StatusListClaimKey).Value;
        if (listClaim is null)
        {
            error = new VerificationError(StatusListErrorCodes.MissingClaim, $"The token has no status_list claim (key {StatusListToken.StatusListClaimKey}, §5.2).");
            return false;
        }

        if (!StatusList.TryParseCbor(listClaim.Encoded, StatusListLimits.Default, out var list, out error))
        {
            return false;
        }

        var subjectClaim = claims.AsMap().FirstOrDefault(e => e.Key.Kind == CborValueKind.Integer && e.Key.AsInteger() == 2).Value;
        var subject = subjectClaim is { Kind: CborValueKind.Text } ? subjectClaim.AsText() : null;
        decoded = new DecodedToken("cwt", CborToJson(protectedHeader.AsBytes()), CborToJson(unprotectedHeader.Encoded), CborToJson(payload.AsBytes()), list, subject, null, token);
        return true;
    }

    private static JsonNode? CborToJson(ReadOnlyMemory<byte> cbor) =>
        CborDiagnostics.TryToJson(cbor, out var json, out var error, limits: CwtLimits)
            ? StrictJson.TryParseNode(json, 64, allowDuplicateProperties: true, out var node, out var jsonError) ? node : jsonError.ToString()
            : $"{error.Code}: {error.Message}";


    private static JsonArray ToJson(IEnumerable<VerificationError> errors) =>
        new(errors.Select(e => (JsonNode)new JsonObject { ["code"] = e.Code, ["message"] = e.Message }).ToArray());

    private static bool LooksLikeUrl(string text) =>
        text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    private static Uri ParseUrl(string text, bool allowHttpLoopback)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw new UsageException($"'{text}' is not a valid URL.");
        }

        return uri.Scheme == Uri.UriSchemeHttps || (allowHttpLoopback && uri.IsLoopback)
            ? uri
            : throw new UsageException($"'{text}' does not use https (Token Status List §8.1); plain http is allowed only for a loopback address with --allow-http-loopback.");
    }

    private static async Task<byte[]> FetchAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var httpClient = new HttpClient { Timeout = TimeSpan.FromSeconds(10), MaxResponseContentBufferSize = InputReader.MaxInputLength };
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(StatusListMediaTypes.Jwt));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(StatusListMediaTypes.Cwt));
        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new UsageException($"The Status List Token could not be fetched from '{uri}': {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UsageException($"Fetching '{uri}' took longer than {httpClient.Timeout.TotalSeconds} seconds.", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new UsageException($"'{uri}' answered HTTP {(int)response.StatusCode}.");
            }

            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
