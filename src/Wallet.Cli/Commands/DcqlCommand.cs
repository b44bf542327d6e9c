using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core;
using Wallet.Core.Dcql;
using Wallet.Core.Json;
using Wallet.Core.SdJwt;

namespace Wallet.Cli.Commands;

/// <summary>
/// <c>wallet dcql match</c>: the wallet side of DCQL (OpenID4VP 1.0 §6.4). Says which held credentials answer which
/// Credential Queries, with which claim set and which claims to disclose; exit 0 when the query can be satisfied,
/// 1 when not, 2 when the query is invalid.
/// </summary>
internal static class DcqlCommand
{
    private const string RequestMember = "dcql_query";

    public static Command Create(CliContext context) =>
        new("dcql", "Digital Credentials Query Language (OpenID4VP 1.0 §6).") { CreateMatch(context) };

    private static Command CreateMatch(CliContext context)
    {
        var query = new Option<string>("--query") { HelpName = "QUERY.json", Description = "The DCQL query, or an authorization request object holding it as 'dcql_query'; '-' reads stdin.", Required = true };
        var credentials = new Argument<string[]>("CREDENTIAL") { Description = "Held credentials, as issued: SD-JWT VC, or mdoc IssuerSigned (binary CBOR, hex or base64url).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("match", "Match a DCQL query against held credentials and print which credentials and claims answer it (exit 0 satisfiable, 1 not, 2 invalid query).")
        {
            query, credentials,
        };
        command.SetAction(parseResult =>
        {
            var queryPath = parseResult.GetValue(query)!;
            var parsed = ParseQuery(InputReader.ReadText(queryPath, context, "DCQL query"), queryPath, context);
            if (parsed is null)
            {
                return ExitCodes.Usage;
            }

            var files = parseResult.GetValue(credentials) ?? [];
            var held = new List<(string File, DcqlCredential Credential)>();
            foreach (var file in files)
            {
                held.AddRange(Read(file, context).Select(c => (file, c)));
            }

            var result = DcqlMatcher.Match(parsed, held.Select(h => h.Credential));
            JsonOutput.Write(context.Stdout, Report(result, held));
            return result.CanBeSatisfied ? ExitCodes.Success : ExitCodes.Invalid;
        });
        return command;
    }

    /// <summary>The query, or null after printing every rule it breaks.</summary>
    private static DcqlQuery? ParseQuery(string text, string path, CliContext context)
    {
        DcqlQuery? parsed;
        IReadOnlyList<VerificationError> errors;
        var valid = TryReadRequestMember(text) is { } member
            ? DcqlQuery.TryParse(member, out parsed, out errors)
            : DcqlQuery.TryParse(text, out parsed, out errors);
        if (valid)
        {
            return parsed;
        }

        context.Stderr.WriteLine($"error: the DCQL query '{path}' is invalid (OpenID4VP 1.0 §6):");
        foreach (var error in errors)
        {
            context.Stderr.WriteLine($"error: {error.Code}: {error.Message}");
        }

        return null;
    }

    private static JsonElement? TryReadRequestMember(string text)
    {
        // On failure DcqlQuery.TryParse reports the malformed JSON with its own error code.
        return StrictJson.TryParseElement(text, 64, allowDuplicateProperties: true, out var root, out _)
            && root.ValueKind == JsonValueKind.Object && root.TryGetProperty(RequestMember, out var member)
            ? member
            : null;
    }

    /// <summary>The credentials a file holds: one SD-JWT VC or mdoc, or every document of a DeviceResponse.</summary>
    private static IEnumerable<DcqlCredential> Read(string path, CliContext context)
    {
        var input = CredentialInput.Read(path, context, "credential");
        if (input.IsCbor)
        {
            var structure = input.ParseMdoc();
            if (structure.Error is { } error)
            {
                throw new UsageException($"'{path}' is not an mdoc: {error.Code}: {error.Message}");
            }

            var issued = structure.IssuerSigned is { } one ? [one] : structure.DeviceResponse!.Documents.Select(d => d.IssuerSigned).ToArray();

            // The MSO always binds a device key (ISO/IEC 18013-5 9.1.2.4), so an mdoc can always prove possession.
            return issued.Select(i => DcqlCredential.ForMdoc(i.DocType, i.ToJsonNameSpaces(), hasCryptographicHolderBinding: true));
        }

        if (!SdJwt.TryParse(input.Text!, SdJwtLimits.Default, out var sdJwt, out var parseError))
        {
            throw new UsageException($"'{path}' is neither an SD-JWT nor an mdoc: {parseError.Code}: {parseError.Message}");
        }

        if (sdJwt.KeyBinding is not null)
        {
            throw new UsageException($"'{path}' is a presentation (it has a KB-JWT); match the credentials as issued.");
        }

        var payload = sdJwt.IssuerSignedJwt.Payload;
        if (!payload.TryGetProperty("vct", out var vct) || vct.ValueKind != JsonValueKind.String || vct.GetString() is not { Length: > 0 } type)
        {
            throw new UsageException($"The SD-JWT '{path}' has no 'vct', so it is not an SD-JWT VC.");
        }

        var holderBinding = payload.TryGetProperty("cnf", out _);
        return [DcqlCredential.ForSdJwtVc(type, SdJwtHolder.GetProcessedPayload(sdJwt), holderBinding)];
    }

    private static JsonObject Report(DcqlMatchResult result, List<(string File, DcqlCredential Credential)> held)
    {
        var queries = new JsonArray();
        foreach (var match in result.CredentialQueries)
        {
            queries.Add(new JsonObject
            {
                ["id"] = match.CredentialQuery.Id,
                ["format"] = match.CredentialQuery.Format,
                ["satisfiable"] = match.IsSatisfiable,
                ["candidates"] = new JsonArray(match.Candidates.Select(c => (JsonNode)new JsonObject
                {
                    ["credential"] = c.CredentialIndex,
                    ["file"] = held[c.CredentialIndex].File,
                    ["claimSet"] = c.ClaimSetIndex,
                    ["disclose"] = new JsonArray(c.PathsToDisclose.Select(p => (JsonNode)p.ToString()).ToArray()),
                    ["paths"] = new JsonArray(c.PathsToDisclose.Select(p => (JsonNode)p.ToJsonArray()).ToArray()),
                }).ToArray()),
                ["rejected"] = new JsonArray(match.Rejected.Select(r => (JsonNode)new JsonObject
                {
                    ["credential"] = r.CredentialIndex,
                    ["file"] = held[r.CredentialIndex].File,
                    ["errors"] = Errors(r.Errors),
                }).ToArray()),
            });
        }

        var sets = new JsonArray(result.CredentialSets.Select(s => (JsonNode)new JsonObject
        {
            ["index"] = s.Index,
            ["required"] = s.CredentialSet.Required,
            ["options"] = new JsonArray(s.CredentialSet.Options.Select(o => (JsonNode)new JsonArray(o.Select(id => (JsonNode)id).ToArray())).ToArray()),
            ["satisfiableOptions"] = new JsonArray(s.SatisfiableOptions.Select(o => (JsonNode)o).ToArray()),
            ["selectedOption"] = s.SelectedOption,
        }).ToArray());

        return new JsonObject
        {
            ["satisfiable"] = result.CanBeSatisfied,
            ["requested"] = new JsonArray(result.RequestedCredentialQueryIds.Select(id => (JsonNode)id).ToArray()),
            ["credentials"] = new JsonArray(held.Select((h, i) => (JsonNode)new JsonObject
            {
                ["credential"] = i,
                ["file"] = h.File,
                ["format"] = h.Credential.Format,
                ["type"] = h.Credential.Vct ?? h.Credential.Doctype,
            }).ToArray()),
            ["credentialQueries"] = queries,
            ["credentialSets"] = sets,
            ["errors"] = Errors(result.Errors),
        };
    }

    private static JsonArray Errors(IEnumerable<VerificationError> errors) =>
        new(errors.Select(e => (JsonNode)new JsonObject { ["code"] = e.Code, ["message"] = e.Message }).ToArray());
}
