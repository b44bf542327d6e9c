using System.Text.Json.Nodes;
using Wallet.Core.Claims;

namespace Wallet.Core.TypeMetadata;

/// <summary>
/// Fully processes SD-JWT VC Type Metadata (draft-ietf-oauth-sd-jwt-vc-18 §4.7): retrieves the document of a type and of
/// every type it extends from the configured sources, checks each against its <c>#integrity</c> (§5) and its referencing
/// <c>vct</c> (§4.3), refuses circular and over-long chains (§4.4, §6.3), applies the extensions (§4.5.2, §4.6.5) and
/// validates a credential's processed payload against the resulting claim metadata (§4.6).
/// </summary>
public sealed class TypeMetadataProcessor
{
    /// <summary>The default longest <c>extends</c> chain followed, counting the type itself.</summary>
    public const int DefaultMaxChainLength = 8;

    private readonly IReadOnlyList<ITypeMetadataSource> _sources;
    private readonly int _maxChainLength;

    /// <summary>Creates a processor.</summary>
    /// <param name="sources">Where documents are retrieved from, tried in order (e.g. a local registry, then HTTPS).</param>
    /// <param name="maxChainLength">The longest chain of types followed, the type itself included.</param>
    public TypeMetadataProcessor(IReadOnlyList<ITypeMetadataSource> sources, int maxChainLength = DefaultMaxChainLength)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChainLength, 1);
        if (sources.Count == 0)
        {
            throw new ArgumentException("At least one Type Metadata source is needed.", nameof(sources));
        }

        _sources = [.. sources];
        _maxChainLength = maxChainLength;
    }

    /// <summary>
    /// Retrieves and applies the Type Metadata of <paramref name="vct"/> and everything it extends.
    /// </summary>
    /// <param name="vct">The type.</param>
    /// <param name="vctIntegrity">The credential's <c>vct#integrity</c>, when it has one: the document must match it.</param>
    /// <param name="cancellationToken">Cancels retrieval.</param>
    public async ValueTask<TypeMetadataResult> ResolveAsync(string vct, string? vctIntegrity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vct);
        IntegrityMetadata? expected = null;
        if (vctIntegrity is not null && !IntegrityMetadata.TryParse(vctIntegrity, out expected, out var integrityError))
        {
            return Failed(integrityError with { Message = "vct#integrity: " + integrityError.Message });
        }

        var chain = new List<TypeMetadataDocument>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? current = vct;
        var referencedBy = "the credential's 'vct'";
        while (current is not null)
        {
            if (!seen.Add(current))
            {
                return Failed(new VerificationError(TypeMetadataErrorCodes.ExtendsCycle, $"The type '{current}' extends itself through '{chain[^1].Vct}' (draft-ietf-oauth-sd-jwt-vc-18 §4.4, §6.3 circular extends)."));
            }

            if (chain.Count == _maxChainLength)
            {
                return Failed(new VerificationError(TypeMetadataErrorCodes.ExtendsTooDeep, $"The 'extends' chain of '{vct}' is longer than {_maxChainLength} types."));
            }

            var retrieval = await RetrieveAsync(current, cancellationToken).ConfigureAwait(false);
            if (!retrieval.IsFound)
            {
                return Failed(retrieval.Error);
            }

            var bytes = retrieval.Document.Value;
            if (expected is not null && !expected.Matches(bytes.Span))
            {
                return Failed(new VerificationError(TypeMetadataErrorCodes.IntegrityMismatch, $"The Type Metadata of '{current}' does not match the integrity value of {referencedBy} (draft-ietf-oauth-sd-jwt-vc-18 §5)."));
            }

            if (!TypeMetadataDocument.TryParse(bytes, out var document, out var parseError))
            {
                return Failed(parseError with { Message = $"'{current}': {parseError.Message}" });
            }

            if (!string.Equals(document.Vct, current, StringComparison.Ordinal))
            {
                return Failed(new VerificationError(TypeMetadataErrorCodes.VctMismatch, $"The Type Metadata retrieved for '{current}' describes '{document.Vct}'; §4.3 requires them to be identical."));
            }

            chain.Add(document);
            referencedBy = $"'extends' of '{current}'";
            current = document.Extends;
            expected = document.ExtendsIntegrity;
        }

        return Apply(chain);
    }

    /// <summary>
    /// Processes the Type Metadata of a verified credential and validates its processed payload against the claim
    /// metadata (§4.6, §4.7).
    /// </summary>
    /// <param name="vct">The credential's <c>vct</c>.</param>
    /// <param name="vctIntegrity">The credential's <c>vct#integrity</c>, when it has one.</param>
    /// <param name="payload">The processed SD-JWT payload (RFC 9901 §7.1).</param>
    /// <param name="disclosedPaths">The concrete paths of the claims that were disclosed through Disclosures.</param>
    /// <param name="allDisclosuresKnown">
    /// True for a Holder with every Disclosure of the credential: then an absent <c>mandatory</c> claim was not issued.
    /// False for a Verifier, who must not take the absence of a claim that may be selectively disclosable as its
    /// omission (§4.6); it can only tell for a top-level claim that must <c>never</c> be selectively disclosable.
    /// </param>
    /// <param name="cancellationToken">Cancels retrieval.</param>
    public async ValueTask<TypeMetadataResult> ProcessAsync(string vct, string? vctIntegrity, JsonObject payload, IReadOnlyList<ClaimPath> disclosedPaths, bool allDisclosuresKnown, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(disclosedPaths);
        var resolved = await ResolveAsync(vct, vctIntegrity, cancellationToken).ConfigureAwait(false);
        if (!resolved.IsValid)
        {
            return resolved;
        }

        var errors = Validate(resolved.Metadata, payload, disclosedPaths, allDisclosuresKnown);
        return new TypeMetadataResult(resolved.Metadata, errors);
    }

    private async ValueTask<TypeMetadataRetrieval> RetrieveAsync(string vct, CancellationToken cancellationToken)
    {
        TypeMetadataRetrieval? last = null;
        foreach (var source in _sources)
        {
            last = await source.RetrieveAsync(vct, cancellationToken).ConfigureAwait(false);
            if (last.IsFound)
            {
                return last;
            }
        }

        return last!;
    }

    // §4.4: the extended type is processed before the extending one, so the chain is applied from its far end.
    private static TypeMetadataResult Apply(List<TypeMetadataDocument> chain)
    {
        IReadOnlyList<TypeDisplay> display = [];
        var claims = new List<ClaimMetadata>();
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var document = chain[i];
            display = document.Display ?? display;
            foreach (var child in document.Claims ?? [])
            {
                var at = claims.FindIndex(c => c.Path.Equals(child.Path));
                if (at < 0)
                {
                    claims.Add(child);
                    continue;
                }

                var parent = claims[at];
                if (parent.Sd is SelectiveDisclosureRule.Always or SelectiveDisclosureRule.Never && child.Sd is { } sd && sd != parent.Sd)
                {
                    return Failed(new VerificationError(TypeMetadataErrorCodes.ExtendsOverrideForbidden, $"'{document.Vct}' changes 'sd' of the claim {parent.Path} from '{Name(parent.Sd.Value)}' to '{Name(sd)}' (draft-ietf-oauth-sd-jwt-vc-18 §4.6.5.1)."));
                }

                if (parent.Mandatory == true && child.Mandatory == false)
                {
                    return Failed(new VerificationError(TypeMetadataErrorCodes.ExtendsOverrideForbidden, $"'{document.Vct}' makes the mandatory claim {parent.Path} optional (draft-ietf-oauth-sd-jwt-vc-18 §4.6.5.1)."));
                }

                // Property-wise precedence, never a deep merge (§4.6.5).
                claims[at] = new ClaimMetadata(parent.Path, child.Display ?? parent.Display, child.Mandatory ?? parent.Mandatory, child.Sd ?? parent.Sd, child.SvgId ?? parent.SvgId);
            }
        }

        return new TypeMetadataResult(new ResolvedTypeMetadata(chain, display, claims), []);
    }

    private static List<VerificationError> Validate(ResolvedTypeMetadata metadata, JsonObject payload, IReadOnlyList<ClaimPath> disclosedPaths, bool allDisclosuresKnown)
    {
        var disclosed = new HashSet<ClaimPath>(disclosedPaths);
        var errors = new List<VerificationError>();
        foreach (var claim in metadata.Claims)
        {
            if (!TrySelect(claim.Path, payload, out var selected, out var pathError))
            {
                errors.Add(new VerificationError(TypeMetadataErrorCodes.ClaimPathError, $"The claim metadata path {claim.Path} cannot be processed: {pathError} (draft-ietf-oauth-sd-jwt-vc-18 §4.6.1.2)."));
                continue;
            }

            foreach (var concrete in selected)
            {
                if (claim.Rule == SelectiveDisclosureRule.Always && !disclosed.Contains(concrete))
                {
                    errors.Add(new VerificationError(TypeMetadataErrorCodes.ClaimMustBeSelectivelyDisclosable, $"The claim {concrete} is not selectively disclosable, but its Type Metadata says 'sd: always' (draft-ietf-oauth-sd-jwt-vc-18 §4.6.4)."));
                }
                else if (claim.Rule == SelectiveDisclosureRule.Never && disclosed.Contains(concrete))
                {
                    errors.Add(new VerificationError(TypeMetadataErrorCodes.ClaimMustNotBeSelectivelyDisclosable, $"The claim {concrete} was selectively disclosed, but its Type Metadata says 'sd: never' (draft-ietf-oauth-sd-jwt-vc-18 §4.6.4)."));
                }
            }

            var determinable = allDisclosuresKnown || (claim.Rule == SelectiveDisclosureRule.Never && claim.Path.Segments.Count == 1);
            if (claim.IsMandatory && selected.Count == 0 && determinable)
            {
                errors.Add(new VerificationError(TypeMetadataErrorCodes.MandatoryClaimMissing, $"The mandatory claim {claim.Path} is not in the credential (draft-ietf-oauth-sd-jwt-vc-18 §4.6.3)."));
            }
        }

        return errors;
    }

    // §4.6.1.2: a missing key or index shrinks the selection (an empty one is no error); a wrong JSON type is an error.
    private static bool TrySelect(ClaimPath path, JsonObject payload, out List<ClaimPath> selected, out string? error)
    {
        var current = new List<(List<ClaimPathSegment> At, JsonNode? Node)> { ([], payload) };
        foreach (var segment in path.Segments)
        {
            var next = new List<(List<ClaimPathSegment>, JsonNode?)>();
            foreach (var (at, node) in current)
            {
                if (segment.IsName)
                {
                    if (node is not JsonObject obj)
                    {
                        selected = [];
                        error = $"'{segment}' selects a member of a value that is not an object";
                        return false;
                    }

                    if (obj.TryGetPropertyValue(segment.Name!, out var value))
                    {
                        next.Add(([.. at, segment], value));
                    }

                    continue;
                }

                if (node is not JsonArray array)
                {
                    selected = [];
                    error = $"'{segment}' selects elements of a value that is not an array";
                    return false;
                }

                if (segment.IsAllElements)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        next.Add(([.. at, ClaimPathSegment.Element(i)], array[i]));
                    }
                }
                else if (segment.Index < array.Count)
                {
                    next.Add(([.. at, segment], array[segment.Index]));
                }
            }

            current = next;
        }

        selected = current.Select(c => new ClaimPath(c.At)).ToList();
        error = null;
        return true;
    }

    private static string Name(SelectiveDisclosureRule rule) => rule switch
    {
        SelectiveDisclosureRule.Always => "always",
        SelectiveDisclosureRule.Never => "never",
        _ => "allowed",
    };

    private static TypeMetadataResult Failed(VerificationError error) => new(null, [error]);
}
