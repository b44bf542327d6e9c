using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.SdJwt;
using Wallet.Core.Trust;

namespace Wallet.Cli.Commands;

/// <summary><c>wallet decode</c>: shows what an SD-JWT (or SD-JWT+KB) contains, without verifying anything.</summary>
internal static class DecodeCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "An SD-JWT or SD-JWT+KB in compact form; '-' reads stdin." };
        var command = new Command("decode", "Decode an SD-JWT without verifying it: header, payload, Disclosures (salt, name, value, digest) and KB-JWT.") { file };
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(file)!;
            var compact = InputReader.ReadToken(path, context, "SD-JWT");
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
                ["value"] = ToNode(disclosure.Value),
                ["digest"] = hash is null ? null : disclosure.ComputeDigest(hash),
            });
        }

        var result = new JsonObject
        {
            ["header"] = ToNode(jwt.Header),
            ["payload"] = ToNode(jwt.Payload),
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
                ["header"] = ToNode(kb.Jws.Header),
                ["payload"] = ToNode(kb.Jws.Payload),
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

    private static JsonNode? ToNode(JsonElement element) => JsonNode.Parse(element.GetRawText());
}
