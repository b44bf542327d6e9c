using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Json;
using Wallet.Core.Mdoc;
using Wallet.Core.SdJwt;
using Wallet.Core.Trust;

namespace Wallet.Cli.Commands;

/// <summary>
/// <c>wallet decode</c>: shows what an SD-JWT (or SD-JWT+KB) contains, or the CBOR structure of an mdoc, without
/// verifying anything.
/// </summary>
internal static class DecodeCommand
{
    private const string JsonFormat = "json";
    private const string DiagnosticFormat = "diag";

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "An SD-JWT or SD-JWT+KB in compact form, or CBOR (an mdoc IssuerSigned or DeviceResponse) as binary, hex or base64url; '-' reads stdin." };
        var format = new Option<string>("--format")
        { HelpName = "json|diag",
            Description = "For CBOR: JSON (byte strings as base64url, tag-24 items decoded) or CBOR diagnostic notation (RFC 8949 §8). An SD-JWT is always shown as JSON.",
            DefaultValueFactory = _ => JsonFormat,
        };
        format.AcceptOnlyFromAmong(JsonFormat, DiagnosticFormat);
        var command = new Command("decode", "Decode without verifying: an SD-JWT (header, payload, Disclosures with salt, name, value and digest, KB-JWT) or the CBOR of an mdoc.") { file, format };
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(file)!;
            var input = CredentialInput.Read(path, context, "input");
            var asDiagnostic = parseResult.GetValue(format) == DiagnosticFormat;
            if (input.IsCbor)
            {
                return DecodeCbor(input, asDiagnostic, context);
            }

            if (asDiagnostic)
            {
                throw new UsageException($"--format {DiagnosticFormat} is for CBOR input; '{path}' is text (an SD-JWT is shown as JSON).");
            }

            var compact = input.Text!;
            if (!SdJwt.TryParse(compact, SdJwtLimits.Default, out var sdJwt, out var error))
            {
                context.Stderr.WriteLine($"error: '{path}' is not an SD-JWT: {error.Code}: {error.Message}");
                return ExitCodes.Invalid;
            }

            context.Warn("decoded only: nothing was verified.");
            JsonOutput.Write(context.Stdout, Decode(sdJwt));
            return ExitCodes.Success;
        });
        return command;
    }

    private static int DecodeCbor(CredentialInput input, bool asDiagnostic, CliContext context)
    {
        var ok = asDiagnostic
            ? CborDiagnostics.TryToDiagnosticNotation(input.Cbor, out var text, out var error)
            : CborDiagnostics.TryToJson(input.Cbor, out text, out error);
        if (!ok)
        {
            context.Stderr.WriteLine($"error: '{input.Path}' is not well-formed CBOR: {error!.Code}: {error.Message}");
            return ExitCodes.Invalid;
        }

        var structure = input.ParseMdoc();
        var what = structure.DeviceResponse is not null ? "an mdoc DeviceResponse" : structure.IssuerSigned is not null ? "an mdoc IssuerSigned" : "CBOR";
        context.Warn($"decoded only ({what}, given as {input.Encoding}): nothing was verified.");
        context.Stdout.WriteLine(text);
        return ExitCodes.Success;
    }

    public static JsonObject Decode(SdJwt sdJwt)
    {
        ArgumentNullException.ThrowIfNull(sdJwt);
        var jwt = sdJwt.IssuerSignedJwt;
        var hash = SdHashAlgorithm.Sha256;
        string? hashProblem = null;
        if (jwt.Payload.TryGetProperty("_sd_alg", out var alg) && !SdHashAlgorithm.TryFromName(alg.ValueKind == JsonValueKind.String ? alg.GetString() : null, out hash))
        {
            hashProblem = $"unsupported _sd_alg {alg.GetRawText()}";
        }

        var disclosures = new JsonArray();
        foreach (var disclosure in sdJwt.Disclosures)
        {
            disclosures.Add(new JsonObject
            {
                ["salt"] = disclosure.Salt,
                ["name"] = disclosure.ClaimName,
                ["value"] = StrictJson.ToNode(disclosure.Value),
                ["digest"] = hash is null ? null : disclosure.ComputeDigest(hash),
            });
        }

        var result = new JsonObject
        {
            ["header"] = StrictJson.ToNode(jwt.Header),
            ["payload"] = StrictJson.ToNode(jwt.Payload),
            ["digestAlgorithm"] = hash?.Name ?? hashProblem,
            ["disclosures"] = disclosures,
        };

        if (jwt.Header.TryGetProperty("x5c", out var x5c))
        {
            result["x5c"] = X5cParser.TryParseX5c(x5c, out var chain, out var chainError)
                ? new JsonArray(chain.Select(c => (JsonNode)CertCommand.Describe(c)).ToArray())
                : $"{chainError.Code}: {chainError.Message}";
        }

        if (sdJwt.KeyBinding is { } kb)
        {
            result["keyBinding"] = new JsonObject
            {
                ["header"] = StrictJson.ToNode(kb.Jws.Header),
                ["payload"] = StrictJson.ToNode(kb.Jws.Payload),
            };
        }
        else
        {
            try
            {
                result["disclosablePaths"] = new JsonArray(SdJwtHolder.GetDisclosablePaths(sdJwt).Select(p => (JsonNode)p.ToString()).ToArray());
            }
            catch (ArgumentException e)
            {
                result["disclosablePaths"] = e.Message;
            }
        }

        return result;
    }

}
