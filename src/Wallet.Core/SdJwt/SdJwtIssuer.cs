using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Wallet.Core.Claims;
using Wallet.Core.Jose;
using Wallet.Core.Security;

namespace Wallet.Core.SdJwt;

/// <summary>
/// Issues SD-JWTs (RFC 9901 §4, §5): the chosen object properties and array elements become Disclosures with
/// fresh 128-bit salts, nested choices become recursive Disclosures, and every <c>_sd</c> array gets decoys and
/// a random order.
/// </summary>
public static class SdJwtIssuer
{
    private static readonly HashSet<string> ReservedNames = ["_sd", "...", "_sd_alg"];

    /// <summary>Issues an SD-JWT (without Key Binding) over <paramref name="claims"/>.</summary>
    /// <param name="claims">The claims, including permanently disclosed ones such as <c>iss</c> and <c>cnf</c>.</param>
    /// <param name="selectivelyDisclosable">
    /// Paths of the claims to make selectively disclosable; <c>*</c> segments select every array element. Selecting both
    /// a claim and claims inside it gives recursive Disclosures (RFC 9901 §6.3).
    /// </param>
    /// <param name="issuerKey">The Issuer's signing key.</param>
    /// <param name="options">Header type, hash, decoys; defaults when null.</param>
    /// <returns>The compact SD-JWT <c>&lt;JWT&gt;~&lt;D.1&gt;~…~&lt;D.N&gt;~</c>.</returns>
    /// <exception cref="ArgumentException">A claim uses a reserved name, or a path selects no claim.</exception>
    public static string Issue(JsonObject claims, IEnumerable<ClaimPath> selectivelyDisclosable, SigningKey issuerKey, SdJwtIssuanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(selectivelyDisclosable);
        ArgumentNullException.ThrowIfNull(issuerKey);
        options ??= new SdJwtIssuanceOptions();
        if (options.MinDecoyDigests < 0 || options.MaxDecoyDigests < options.MinDecoyDigests)
        {
            throw new ArgumentException("Decoy digest counts must satisfy 0 <= MinDecoyDigests <= MaxDecoyDigests.", nameof(options));
        }

        var builder = new Builder(selectivelyDisclosable.ToArray(), options);
        var payload = (JsonObject)builder.Transform(claims, [builder.Root])!;
        var unmatched = builder.Patterns.Where((_, i) => !builder.Matched[i]).ToArray();
        if (unmatched.Length > 0)
        {
            throw new ArgumentException($"These selectively disclosable paths select no claim: {string.Join(", ", unmatched.Select(p => p.ToString()))}.", nameof(selectivelyDisclosable));
        }

        if (builder.Disclosures.Count > 0)
        {
            payload["_sd_alg"] = options.HashAlgorithm.Name;
        }

        var jwt = JwsWriter.Sign(issuerKey, options.Type, payload.ToJsonString(Disclosure.JsonOptions), options.IncludeCertificateChain);
        return SdJwt.Compose(jwt, builder.Disclosures);
    }

    private sealed class Builder
    {
        private readonly SdJwtIssuanceOptions options;

        public Builder(ClaimPath[] patterns, SdJwtIssuanceOptions options)
        {
            this.options = options;
            Patterns = patterns;
            Matched = new bool[patterns.Length];
            for (var i = 0; i < patterns.Length; i++)
            {
                var node = Root;
                foreach (var segment in patterns[i].Segments)
                {
                    node = node.Child(segment);
                }

                node.Patterns.Add(i);
            }
        }

        public ClaimPath[] Patterns { get; }

        /// <summary>
        /// The patterns as a tree of segments: each claim is matched by following its own segment from the nodes that
        /// matched its parent, so the cost per claim does not grow with the number of patterns (issue 17 measured the
        /// check of every claim against every pattern as the quadratic part of issuance).
        /// </summary>
        public PatternNode Root { get; } = new();

        public bool[] Matched { get; }

        public List<Disclosure> Disclosures { get; } = [];

        public JsonNode? Transform(JsonNode? node, List<PatternNode> path) => node switch
        {
            JsonObject obj => TransformObject(obj, path),
            JsonArray array => TransformArray(array, path),
            _ => node?.DeepClone(),
        };

        private JsonObject TransformObject(JsonObject obj, List<PatternNode> path)
        {
            var result = new JsonObject();
            var digests = new List<string>();
            foreach (var (name, value) in obj)
            {
                if (ReservedNames.Contains(name))
                {
                    throw new ArgumentException($"The claim name '{name}' is reserved by RFC 9901 §4.1 and cannot be issued.", nameof(obj));
                }

                var child = Step(path, ClaimPathSegment.Member(name));
                var transformed = Transform(value, child);
                if (IsSelectivelyDisclosable(child))
                {
                    var disclosure = Disclosure.ForProperty(name, transformed);
                    Disclosures.Add(disclosure);
                    digests.Add(disclosure.ComputeDigest(options.HashAlgorithm));
                }
                else
                {
                    result[name] = transformed;
                }
            }

            if (digests.Count > 0)
            {
                var decoys = RandomNumberGenerator.GetInt32(options.MinDecoyDigests, options.MaxDecoyDigests + 1);
                for (var i = 0; i < decoys; i++)
                {
                    // RFC 9901 §4.2.5: a decoy is the hash of a random value, with the same hash function.
                    digests.Add(options.HashAlgorithm.ComputeDigest(RandomHandle.Create()));
                }

                // RFC 9901 §4.2.4.1: the order must not reveal the original claim order.
                var shuffled = digests.ToArray();
                RandomNumberGenerator.Shuffle(shuffled.AsSpan());
                result["_sd"] = new JsonArray(shuffled.Select(d => (JsonNode)d).ToArray());
            }

            return result;
        }

        private JsonArray TransformArray(JsonArray array, List<PatternNode> path)
        {
            var result = new JsonArray();
            for (var i = 0; i < array.Count; i++)
            {
                var child = Step(path, ClaimPathSegment.Element(i));
                var transformed = Transform(array[i], child);
                if (IsSelectivelyDisclosable(child))
                {
                    var disclosure = Disclosure.ForArrayElement(transformed);
                    Disclosures.Add(disclosure);
                    result.Add((JsonNode)new JsonObject { ["..."] = disclosure.ComputeDigest(options.HashAlgorithm) });
                }
                else
                {
                    result.Add(transformed);
                }
            }

            return result;
        }

        /// <summary>The pattern nodes that match the path one segment longer; a <c>*</c> pattern matches every index.</summary>
        private static List<PatternNode> Step(List<PatternNode> nodes, ClaimPathSegment segment)
        {
            var next = new List<PatternNode>(0);
            foreach (var node in nodes)
            {
                if (node.Children.TryGetValue(segment, out var exact))
                {
                    next.Add(exact);
                }

                if (segment.IsIndex && node.AllElements is { } any)
                {
                    next.Add(any);
                }
            }

            return next;
        }

        private bool IsSelectivelyDisclosable(List<PatternNode> nodes)
        {
            var any = false;
            foreach (var node in nodes)
            {
                foreach (var pattern in node.Patterns)
                {
                    Matched[pattern] = true;
                    any = true;
                }
            }

            return any;
        }
    }

    private sealed class PatternNode
    {
        public Dictionary<ClaimPathSegment, PatternNode> Children { get; } = [];

        public PatternNode? AllElements { get; private set; }

        /// <summary>Indices of the patterns that end at this node.</summary>
        public List<int> Patterns { get; } = [];

        public PatternNode Child(ClaimPathSegment segment) =>
            segment.IsAllElements
                ? AllElements ??= new PatternNode()
                : Children.TryGetValue(segment, out var child) ? child : Children[segment] = new PatternNode();
    }
}
