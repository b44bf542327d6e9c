using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Claims;

namespace Wallet.Core.SdJwt;

/// <summary>
/// Rebuilds the processed payload from the Issuer-signed payload and the Disclosures (RFC 9901 §7.1 step 3–5),
/// recording for every applied Disclosure the concrete path it was disclosed at and the Disclosure it was nested in.
/// Collects every error instead of stopping at the first, so a report can list them all.
/// </summary>
internal sealed class SdJwtPayloadProcessor
{
    private readonly Dictionary<string, int> _disclosureByDigest;
    private readonly IReadOnlyList<Disclosure> _disclosures;
    private readonly HashSet<string> _seenDigests = new(StringComparer.Ordinal);
    private readonly int _maxDepth;
    private readonly List<VerificationError> _errors = [];
    private readonly AppliedDisclosure?[] _applied;
    private readonly bool[] _referenced;
    private readonly bool[] _duplicate;

    private SdJwtPayloadProcessor(IReadOnlyList<Disclosure> disclosures, SdHashAlgorithm algorithm, int maxDepth)
    {
        _disclosures = disclosures;
        _maxDepth = maxDepth;
        _applied = new AppliedDisclosure?[disclosures.Count];
        _referenced = new bool[disclosures.Count];
        _duplicate = new bool[disclosures.Count];
        _disclosureByDigest = new Dictionary<string, int>(disclosures.Count, StringComparer.Ordinal);
        for (var i = 0; i < disclosures.Count; i++)
        {
            if (!_disclosureByDigest.TryAdd(disclosures[i].ComputeDigest(algorithm), i))
            {
                _duplicate[i] = true;
                _errors.Add(new VerificationError(SdJwtErrorCodes.DuplicateDigest, $"Disclosure {i + 1} is sent twice (RFC 9901 §4, §7.1 step 4)."));
            }
        }
    }

    /// <summary>Where a Disclosure was applied: its concrete path and the index of the Disclosure that contains it (or -1).</summary>
    internal readonly record struct AppliedDisclosure(ClaimPath Path, int Parent);

    internal sealed record Result(JsonObject Payload, IReadOnlyList<AppliedDisclosure?> Applied, IReadOnlyList<VerificationError> Errors);

    public static Result Process(JsonElement payload, IReadOnlyList<Disclosure> disclosures, SdHashAlgorithm algorithm, int maxDepth)
    {
        var processor = new SdJwtPayloadProcessor(disclosures, algorithm, maxDepth);
        var processed = processor.ProcessObject(payload, [], parent: -1, depth: 0, topLevel: true);
        for (var i = 0; i < disclosures.Count; i++)
        {
            if (!processor._referenced[i] && !processor._duplicate[i])
            {
                var what = disclosures[i].ClaimName is { } name ? $"claim '{name}'" : "an array element";
                processor._errors.Add(new VerificationError(SdJwtErrorCodes.UnreferencedDisclosure, $"Disclosure {i + 1} ({what}) is not referenced by any digest in the SD-JWT (RFC 9901 §7.1 step 5)."));
            }
        }

        return new Result(processed, processor._applied, processor._errors);
    }

    private JsonNode? Process(JsonElement element, List<ClaimPathSegment> path, int parent, int depth) => element.ValueKind switch
    {
        JsonValueKind.Object => ProcessObject(element, path, parent, depth, topLevel: false),
        JsonValueKind.Array => ProcessArray(element, path, parent, depth),
        _ => JsonValue.Create(element),
    };

    private JsonObject ProcessObject(JsonElement element, List<ClaimPathSegment> path, int parent, int depth, bool topLevel)
    {
        var result = new JsonObject();
        if (depth > _maxDepth)
        {
            _errors.Add(new VerificationError(SdJwtErrorCodes.TooLarge, $"The payload nests deeper than {_maxDepth} levels at {Describe(path)}."));
            return result;
        }

        foreach (var member in element.EnumerateObject())
        {
            if (member.NameEquals("_sd") || (topLevel && member.NameEquals("_sd_alg")))
            {
                continue;
            }

            path.Add(ClaimPathSegment.Member(member.Name));
            result[member.Name] = Process(member.Value, path, parent, depth + 1);
            path.RemoveAt(path.Count - 1);
        }

        if (!element.TryGetProperty("_sd", out var sd))
        {
            return result;
        }

        if (sd.ValueKind != JsonValueKind.Array)
        {
            _errors.Add(new VerificationError(SdJwtErrorCodes.InvalidSdArray, $"'_sd' at {Describe(path)} is not an array (RFC 9901 §4.2.4.1)."));
            return result;
        }

        foreach (var digest in sd.EnumerateArray())
        {
            if (digest.ValueKind != JsonValueKind.String)
            {
                _errors.Add(new VerificationError(SdJwtErrorCodes.InvalidSdArray, $"'_sd' at {Describe(path)} contains a non-string value (RFC 9901 §4.2.4.1)."));
                continue;
            }

            if (!TryTakeDisclosure(digest.GetString()!, path, out var index))
            {
                continue;
            }

            var disclosure = _disclosures[index];
            if (disclosure.IsArrayElement)
            {
                _errors.Add(new VerificationError(SdJwtErrorCodes.DisclosureWrongKind, $"Disclosure {index + 1} is an array-element Disclosure but its digest is in '_sd' at {Describe(path)} (RFC 9901 §7.1 3.c.ii.1)."));
                continue;
            }

            var name = disclosure.ClaimName!;
            if (result.ContainsKey(name))
            {
                _errors.Add(new VerificationError(SdJwtErrorCodes.ClaimNameCollision, $"Disclosure {index + 1} discloses '{name}', which already exists at {Describe(path)} (RFC 9901 §7.1 3.c.ii.3)."));
                continue;
            }

            path.Add(ClaimPathSegment.Member(name));
            _applied[index] = new AppliedDisclosure(new ClaimPath(path), parent);
            result[name] = Process(disclosure.Value, path, index, depth + 1);
            path.RemoveAt(path.Count - 1);
        }

        return result;
    }

    private JsonArray ProcessArray(JsonElement element, List<ClaimPathSegment> path, int parent, int depth)
    {
        var result = new JsonArray();
        if (depth > _maxDepth)
        {
            _errors.Add(new VerificationError(SdJwtErrorCodes.TooLarge, $"The payload nests deeper than {_maxDepth} levels at {Describe(path)}."));
            return result;
        }

        foreach (var item in element.EnumerateArray())
        {
            path.Add(ClaimPathSegment.Element(result.Count));
            if (TryGetArrayDigest(item, out var digest))
            {
                if (TryTakeDisclosure(digest, path, out var index))
                {
                    var disclosure = _disclosures[index];
                    if (!disclosure.IsArrayElement)
                    {
                        _errors.Add(new VerificationError(SdJwtErrorCodes.DisclosureWrongKind, $"Disclosure {index + 1} is an object-property Disclosure but its digest is an array element at {Describe(path)} (RFC 9901 §7.1 3.c.iii.1)."));
                    }
                    else
                    {
                        _applied[index] = new AppliedDisclosure(new ClaimPath(path), parent);
                        result.Add(Process(disclosure.Value, path, index, depth + 1));
                    }
                }
            }
            else
            {
                result.Add(Process(item, path, parent, depth + 1));
            }

            path.RemoveAt(path.Count - 1);
        }

        return result;
    }

    // RFC 9901 §7.1 3.b: an array element that is an object with the single key "..." and a string value.
    private static bool TryGetArrayDigest(JsonElement item, out string digest)
    {
        digest = string.Empty;
        if (item.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        using var members = item.EnumerateObject();
        if (!members.MoveNext() || !members.Current.NameEquals("...") || members.Current.Value.ValueKind != JsonValueKind.String || members.MoveNext())
        {
            return false;
        }

        digest = item.GetProperty("...").GetString()!;
        return true;
    }

    // Returns the Disclosure for an embedded digest; a digest without one is a decoy or undisclosed (§7.1 3.c.i).
    private bool TryTakeDisclosure(string digest, List<ClaimPathSegment> path, out int index)
    {
        if (!_seenDigests.Add(digest))
        {
            _errors.Add(new VerificationError(SdJwtErrorCodes.DuplicateDigest, $"A digest appears more than once (seen again at {Describe(path)}; RFC 9901 §7.1 step 4)."));
            index = -1;
            return false;
        }

        if (!_disclosureByDigest.TryGetValue(digest, out index))
        {
            return false;
        }

        _referenced[index] = true;
        return true;
    }

    private static string Describe(List<ClaimPathSegment> path) => path.Count == 0 ? "the top level" : $"'{string.Join('/', path)}'";
}
