using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Wallet.Core;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;
using Wallet.Core.Verification;

namespace Wallet.Cli.Commands;

/// <summary>
/// <c>wallet verify</c>: verifies an SD-JWT VC (or SD-JWT VC+KB), or an mdoc, against trust anchors and prints the
/// outcome as JSON; exit code 0 when valid, 1 when not.
/// </summary>
internal static class VerifyCommand
{
    public const string Format = SdJwtVcClaims.Type;

    // Shown outside "claims": they describe the credential, not its subject.
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The SD-JWT VC presentation, or an mdoc DeviceResponse or IssuerSigned (binary CBOR, hex or base64url); '-' reads stdin." };
        var trust = new Option<string[]>("--trust")
        { HelpName = "CA.pem|DIR",
            Description = "A trust anchor: a root CA certificate file (PEM or DER) or a folder of them; repeatable.",
            Required = true,
        };
        var audience = new Option<string?>("--aud") { HelpName = "AUDIENCE", Description = "This verifier's identifier, expected as the KB-JWT aud." };
        var nonce = new Option<string?>("--nonce") { HelpName = "NONCE", Description = "This transaction's nonce, expected in the KB-JWT. Without --aud and --nonce a plain SD-JWT (no KB-JWT) is expected." };
        var at = new Option<long?>("--at") { HelpName = "UNIXTIME", Description = "Verify as of this time (Unix seconds) instead of now." };
        var vct = new Option<string[]>("--vct") { HelpName = "VCT", Description = "An accepted credential type; repeatable. Any type when omitted." };
        var allowUnchecked = new Option<bool>("--allow-unchecked-status") { Description = "Accept a credential whose Token Status List entry is not checked (without --check-status, or when the list cannot be fetched); fails closed otherwise." };
        var checkStatus = new Option<bool>("--check-status") { Description = "Fetch and verify the credential's Token Status List (https; signed under the same --trust anchors) and require its entry to be VALID." };
        var allowHttpLoopback = StatusChecking.CreateAllowHttpLoopbackOption();
        var readerKey = new Option<string?>("--reader-key") { HelpName = "JWK", Description = "mdoc: the reader's ephemeral private key (EReaderKey), needed to verify a deviceMac (ISO/IEC 18013-5 9.1.3.5)." };
        var transcript = new TranscriptOptions();
        var command = new Command("verify", "Verify an SD-JWT VC or an mdoc against trust anchors and print the result as JSON (exit 0 valid, 1 invalid, 2 usage error).")
        {
            file, trust, audience, nonce, at, vct, allowUnchecked, checkStatus, allowHttpLoopback, readerKey,
        };
        transcript.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var aud = parseResult.GetValue(audience);
            var nonceValue = parseResult.GetValue(nonce);
            if ((aud is null) != (nonceValue is null))
            {
                throw new UsageException("--aud and --nonce go together: give both to require Key Binding, or neither for a plain SD-JWT.");
            }

            var timeProvider = parseResult.GetValue(at) is { } seconds ? new FixedTimeProvider(FromUnixSeconds(seconds)) : context.TimeProvider;
            var store = LoadTrustAnchors(parseResult.GetValue(trust) ?? []);
            var input = CredentialInput.Read(parseResult.GetValue(file)!, context, "credential");
            using var httpClient = parseResult.GetValue(checkStatus) ? new HttpClient() : null;
            var verifiers = CreateVerifiers(store, timeProvider, httpClient, parseResult.GetValue(allowHttpLoopback), parseResult.GetValue(allowUnchecked), parseResult.GetValue(vct));
            if (input.IsCbor)
            {
                if (aud is not null)
                {
                    throw new UsageException("--aud and --nonce are for SD-JWT Key Binding; an mdoc is verified for --oid4vp or --session-transcript.");
                }

                if (parseResult.GetValue(vct) is { Length: > 0 })
                {
                    throw new UsageException("--vct is for an SD-JWT VC; an mdoc's docType is shown in the result.");
                }

                var mdoc = new MdocVerification(verifiers);
                var (report, valid) = await mdoc.VerifyAsync(input, transcript.Get(parseResult), parseResult.GetValue(readerKey), context, cancellationToken).ConfigureAwait(false);
                JsonOutput.Write(context.Stdout, report);
                return valid ? ExitCodes.Success : ExitCodes.Invalid;
            }

            if (transcript.IsGiven(parseResult) || parseResult.GetValue(readerKey) is not null)
            {
                throw new UsageException("--oid4vp, --session-transcript and --reader-key are for an mdoc; an SD-JWT is verified for --aud and --nonce.");
            }

            var expectation = aud is null ? null : new KeyBindingExpectation(aud, nonceValue!);
            var result = await verifiers.SdJwtVc.VerifyAsync(input.Text!, expectation, cancellationToken).ConfigureAwait(false);
            JsonOutput.Write(context.Stdout, Report(result));
            return result.IsValid ? ExitCodes.Success : ExitCodes.Invalid;
        });
        return command;
    }

    /// <summary>
    /// The verifiers of every command, from Wallet.Core's one composition point: credentials and status lists (JWT and
    /// CWT, fetched over <paramref name="httpClient"/> when given) trusted under the same anchors.
    /// </summary>
    public static CredentialVerifiers CreateVerifiers(
        TrustAnchorStore store,
        TimeProvider timeProvider,
        HttpClient? httpClient = null,
        bool allowHttpLoopback = false,
        bool allowUncheckedStatus = false,
        IReadOnlyList<string>? acceptedVcts = null,
        IReadOnlyList<Wallet.Core.Jose.PublicJwk>? trustedStatusListKeys = null) =>
        CredentialVerifiers.Create(
            new CredentialVerificationOptions
            {
                TrustAnchors = store,
                AllowUncheckedStatus = allowUncheckedStatus,
                AcceptedVcts = acceptedVcts ?? [],
                StatusListFetching = new HttpTokenStatusCheckerOptions { AllowHttpForLoopback = allowHttpLoopback },
                StatusListTokens = new StatusListTokenVerifierOptions { TrustedKeys = trustedStatusListKeys ?? [] },
            },
            httpClient,
            timeProvider);

    /// <summary>Loads anchors from files and folders; an unreadable or unacceptable anchor is a usage error.</summary>
    public static TrustAnchorStore LoadTrustAnchors(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            throw new UsageException("At least one --trust anchor is needed.");
        }

        var store = TrustAnchorStore.Empty;
        foreach (var path in paths)
        {
            IReadOnlyList<VerificationError> errors;
            TrustAnchorStore? loaded;
            var ok = Directory.Exists(path)
                ? TrustAnchorStore.TryFromDirectory(path, null, null, out loaded, out errors)
                : File.Exists(path)
                    ? TrustAnchorStore.TryFromFiles([path], null, null, out loaded, out errors)
                    : throw new UsageException($"The trust anchor '{path}' does not exist.");
            if (!ok)
            {
                throw new UsageException($"The trust anchor '{path}' is not usable: {string.Join(" ", errors.Select(e => $"{e.Code}: {e.Message}"))}");
            }

            store = store.Merge(loaded!);
        }

        return store;
    }

    public static JsonObject Report(SdJwtVcVerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = new JsonArray(result.Errors.Select(e => (JsonNode)new JsonObject { ["code"] = e.Code, ["message"] = e.Message }).ToArray());
        return new JsonObject
        {
            ["valid"] = result.IsValid,
            ["format"] = Format,
            ["issuer"] = result.Issuer,

            // The key resolution names the signer also when a later check failed, which is what a failed report needs.
            ["issuerCertificate"] = result.IssuerCertificate?.Subject ?? result.Inner.Issuer?.Issuer,
            ["issuerChain"] = CredentialReport.Chain(result),
            ["vct"] = result.Vct,
            ["levelOfAssurance"] = result.LevelOfAssurance?.ToString(),
            ["holderBinding"] = result.HolderBinding.IsVerified,
            ["holderBindingOutcome"] = result.HolderBinding.Outcome.ToString(),
            ["status"] = result.Status.ToString(),
            ["claims"] = result.Claims?.DeepClone(),
            ["disclosed"] = new JsonArray(result.DisclosedPaths.Select(p => (JsonNode)ClaimPathText.Format(p)).ToArray()),
            ["errors"] = errors,
        };
    }

    public static DateTimeOffset FromUnixSeconds(long seconds) =>
        seconds is >= 0 and <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--at {seconds} is not a Unix time between 1970 and 9999."));
}
