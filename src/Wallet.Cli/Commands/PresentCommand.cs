using System.CommandLine;
using System.Text.Json;
using Wallet.Core.Claims;
using Wallet.Core.Jose;
using Wallet.Core.SdJwt;

namespace Wallet.Cli.Commands;

/// <summary>
/// <c>wallet present</c>: the holder's presentation of chosen claims: an SD-JWT with a Key Binding JWT for a verifier
/// (RFC 9901 §7.2), or for an mdoc a DeviceResponse with a deviceSignature over the SessionTranscript (ISO/IEC 18013-5 9.1.3).
/// </summary>
internal static class PresentCommand
{
    private const int MaxPathsListed = 50;

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The SD-JWT as issued, or an mdoc as issued (IssuerSigned: binary CBOR, hex or base64url); '-' reads stdin." };
        var holderKey = new Option<string?>("--holder-key") { HelpName = "KEY", Description = "The holder's private key (JWK or PEM), the one in the credential's cnf.jwk or MSO deviceKeyInfo; needed with --aud and --nonce, and for an mdoc." };
        var disclose = new Option<string[]>("--disclose")
        { HelpName = "PATH",
            Description = "A claim path to disclose ('given_name', 'address/locality', 'nationalities/*', 'age_equal_or_over/18': a number or * is an index only where the credential holds an array; '~1' is a '/' inside a name; for an mdoc 'NAMESPACE/ELEMENT'), as decode prints it; repeatable. The Disclosures it is nested in are added.",
            AllowMultipleArgumentsPerToken = true,
        };
        OptionValues.RejectOptionLikeValues(disclose);
        var audience = new Option<string?>("--aud") { HelpName = "AUDIENCE", Description = "The verifier's identifier for the KB-JWT (the OpenID4VP client_id)." };
        var nonce = new Option<string?>("--nonce") { HelpName = "NONCE", Description = "The verifier's nonce for the KB-JWT." };
        var transcript = new TranscriptOptions();
        var command = new Command("present", "Present an SD-JWT with only the chosen claims disclosed (with --aud and --nonce, as SD-JWT+KB), or an mdoc as base64url(CBOR(DeviceResponse)) for a SessionTranscript.")
        {
            file, holderKey, disclose, audience, nonce,
        };
        transcript.AddTo(command);
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(file)!;
            var input = CredentialInput.Read(path, context, "credential");
            if (input.IsCbor)
            {
                if (parseResult.GetValue(audience) is not null || parseResult.GetValue(nonce) is not null)
                {
                    throw new UsageException("--aud and --nonce are for SD-JWT Key Binding; an mdoc is bound to a verifier with --oid4vp or --session-transcript.");
                }

                var response = MdocPresentation.Present(input, parseResult.GetValue(holderKey), parseResult.GetValue(disclose) ?? [], transcript.Get(parseResult), context);
                context.Stdout.WriteLine(response.ToBase64Url());
                return ExitCodes.Success;
            }

            if (transcript.IsGiven(parseResult))
            {
                throw new UsageException("--oid4vp and --session-transcript are for an mdoc; an SD-JWT is bound to a verifier with --aud and --nonce.");
            }

            var compact = input.Text!;
            if (!SdJwt.TryParse(compact, SdJwtLimits.Default, out var issued, out var parseError))
            {
                throw new UsageException($"'{path}' is not an SD-JWT: {parseError.Code}: {parseError.Message}");
            }

            if (issued.KeyBinding is not null)
            {
                throw new UsageException($"'{path}' is already a presentation with a KB-JWT; present the SD-JWT as issued.");
            }

            var aud = parseResult.GetValue(audience);
            var nonceValue = parseResult.GetValue(nonce);
            if ((aud is null) != (nonceValue is null))
            {
                throw new UsageException("--aud and --nonce go together: give both for Key Binding, or neither for a plain SD-JWT.");
            }

            if (aud is not null && (aud.Length == 0 || nonceValue!.Length == 0))
            {
                throw new UsageException("--aud and --nonce must not be empty.");
            }

            var (paths, alwaysVisible) = ParsePaths(parseResult.GetValue(disclose) ?? [], issued);
            KeyBindingOptions? keyBinding = null;
            using var key = aud is null ? null : ReadHolderKey(parseResult.GetValue(holderKey), issued, context);
            if (key is not null)
            {
                keyBinding = new KeyBindingOptions(new SigningKey(key), aud!, nonceValue!, context.TimeProvider.GetUtcNow());
            }
            else if (parseResult.GetValue(holderKey) is not null)
            {
                context.Warn("--holder-key is only used for Key Binding, with --aud and --nonce; presenting without a KB-JWT.");
            }

            var presentation = Present(issued, paths, keyBinding);
            foreach (var text in alwaysVisible)
            {
                context.Warn($"--disclose '{text}' names a claim that is not selectively disclosable: it is always visible.");
            }

            context.Stdout.WriteLine(presentation);
            return ExitCodes.Success;
        });
        return command;
    }

    private static (List<ClaimPath> Paths, List<string> AlwaysVisible) ParsePaths(string[] texts, SdJwt issued)
    {
        var disclosable = SdJwtHolder.GetDisclosablePaths(issued);
        var claims = SdJwtHolder.GetProcessedPayload(issued);
        var paths = new List<ClaimPath>();
        var alwaysVisible = new List<string>();
        foreach (var text in texts)
        {
            var path = ClaimPathText.Parse(text, claims, "--disclose");

            if (!disclosable.Any(path.IsPrefixPatternOf) && !disclosable.Any(d => IsInside(path, d)))
            {
                // Either always visible, or absent, which SdJwtHolder.Present reports.
                alwaysVisible.Add(text);
            }

            paths.Add(path);
        }

        return (paths, alwaysVisible);
    }

    private static string Present(SdJwt issued, List<ClaimPath> paths, KeyBindingOptions? keyBinding)
    {
        try
        {
            return SdJwtHolder.Present(issued, paths, keyBinding);
        }
        catch (ArgumentException e) when (e.ParamName == "disclose")
        {
            var disclosable = SdJwtHolder.GetDisclosablePaths(issued);
            var listed = string.Join(", ", disclosable.Take(MaxPathsListed).Select(ClaimPathText.Format));
            var more = disclosable.Count > MaxPathsListed ? $", and {disclosable.Count - MaxPathsListed} more" : string.Empty;
            var reason = e.Message.Replace(" (Parameter 'disclose')", string.Empty, StringComparison.Ordinal);
            throw new UsageException($"{reason} Disclosable paths: {(listed.Length == 0 ? "(none)" : listed + more)}.", e);
        }
    }

    // A path that points inside a disclosable claim (e.g. 'address/locality' when only 'address' is disclosable) discloses that claim.
    private static bool IsInside(ClaimPath requested, ClaimPath disclosable) =>
        requested.Segments.Count > disclosable.Segments.Count
        && new ClaimPath(requested.Segments.Take(disclosable.Segments.Count)).Matches(disclosable);

    private static System.Security.Cryptography.ECDsa ReadHolderKey(string? path, SdJwt issued, CliContext context)
    {
        if (path is null)
        {
            throw new UsageException("--holder-key is required for Key Binding (--aud and --nonce).");
        }

        var key = KeyFiles.ReadPrivateKey(path, context, "holder key");
        var payload = issued.IssuerSignedJwt.Payload;
        if (!payload.TryGetProperty("cnf", out var cnf) || cnf.ValueKind != JsonValueKind.Object || !cnf.TryGetProperty("jwk", out var jwk))
        {
            key.Dispose();
            throw new UsageException("The SD-JWT has no cnf.jwk holder key, so it cannot be presented with Key Binding.");
        }

        if (!PublicJwk.TryParse(jwk, out var bound, out var error) || !bound.HasSameKey(PublicJwk.FromECDsa(key)))
        {
            key.Dispose();
            throw new UsageException(error is null
                ? $"The holder key '{path}' is not the key in the credential's cnf.jwk."
                : $"The credential's cnf.jwk is not usable: {error.Message}");
        }

        return key;
    }
}
