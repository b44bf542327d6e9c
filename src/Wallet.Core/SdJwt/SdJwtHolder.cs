using Wallet.Core.Claims;

namespace Wallet.Core.SdJwt;

/// <summary>
/// The holder's side of SD-JWT (RFC 9901 §7.2): lists what an issued SD-JWT can disclose and builds a
/// presentation that discloses exactly the chosen claims, plus the Disclosures they are nested in, with an
/// optional Key Binding JWT.
/// </summary>
public static class SdJwtHolder
{
    /// <summary>The concrete paths of every selectively disclosable claim of <paramref name="issued"/>.</summary>
    public static IReadOnlyList<ClaimPath> GetDisclosablePaths(SdJwt issued, SdJwtLimits? limits = null)
    {
        var applied = Analyse(issued, limits ?? SdJwtLimits.Default).Applied;
        return applied.Where(a => a is not null).Select(a => a!.Value.Path).ToArray();
    }

    /// <summary>
    /// The processed payload of <paramref name="issued"/> with every Disclosure applied (RFC 9901 §7.1 steps 3–5): what
    /// the holder can disclose, in the shape a DCQL query is matched against. The signature is not checked.
    /// </summary>
    /// <exception cref="ArgumentException">The SD-JWT carries a KB-JWT or is inconsistent.</exception>
    public static System.Text.Json.Nodes.JsonObject GetProcessedPayload(SdJwt issued, SdJwtLimits? limits = null) =>
        Analyse(issued, limits ?? SdJwtLimits.Default).Payload;

    /// <summary>Builds a presentation of <paramref name="issued"/> that discloses the claims at <paramref name="disclose"/>.</summary>
    /// <param name="issued">The SD-JWT as received from the Issuer (without Key Binding).</param>
    /// <param name="disclose">
    /// Claims to disclose. A path selects the claim and everything inside it; the Disclosures it is nested in are
    /// added automatically (RFC 9901 §4.2.6). Nothing else is disclosed.
    /// </param>
    /// <param name="keyBinding">When set, a KB-JWT is appended (SD-JWT+KB).</param>
    /// <param name="limits">Limits for analysing the SD-JWT.</param>
    /// <exception cref="ArgumentException">The SD-JWT carries a KB-JWT, is inconsistent, or a path selects no claim.</exception>
    public static string Present(SdJwt issued, IEnumerable<ClaimPath> disclose, KeyBindingOptions? keyBinding = null, SdJwtLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(issued);
        ArgumentNullException.ThrowIfNull(disclose);
        var analysis = Analyse(issued, limits ?? SdJwtLimits.Default);
        var applied = analysis.Applied;
        var selected = new bool[issued.Disclosures.Count];
        foreach (var requested in disclose)
        {
            if (!requested.TrySelect(analysis.Payload, out _, out var reason))
            {
                throw new ArgumentException($"Cannot disclose {requested}: {reason}.", nameof(disclose));
            }

            for (var i = 0; i < applied.Count; i++)
            {
                // Inside the requested claim, or one of the containers the requested claim sits in.
                if (applied[i] is { } at && (requested.IsPrefixPatternOf(at.Path) || IsContainerOf(at.Path, requested)))
                {
                    selected[i] = true;
                }
            }
        }

        // RFC 9901 §4.2.6: every Disclosure needed to reach a selected one is sent too.
        for (var i = 0; i < selected.Length; i++)
        {
            for (var parent = selected[i] ? applied[i]!.Value.Parent : -1; parent >= 0; parent = applied[parent]!.Value.Parent)
            {
                selected[parent] = true;
            }
        }

        var presented = SdJwt.Compose(issued.IssuerSignedJwt.Raw, issued.Disclosures.Where((_, i) => selected[i]));
        if (keyBinding is null)
        {
            return presented;
        }

        var sdHash = SdJwt.ComputeSdHash(presented, analysis.HashAlgorithm);
        var issuedAt = keyBinding.IssuedAt ?? DateTimeOffset.UtcNow;
        return presented + (keyBinding.AdditionalClaims is { } additional
            ? KeyBindingJwt.Create(keyBinding.HolderKey, keyBinding.Audience, keyBinding.Nonce, issuedAt, sdHash, additional)
            : KeyBindingJwt.Create(keyBinding.HolderKey, keyBinding.Audience, keyBinding.Nonce, issuedAt, sdHash));
    }

    // A Disclosure at 'container' is a container of 'requested' when its path is a strict prefix that 'requested' matches.
    private static bool IsContainerOf(ClaimPath container, ClaimPath requested)
    {
        if (container.Segments.Count >= requested.Segments.Count)
        {
            return false;
        }

        var prefix = new ClaimPath(requested.Segments.Take(container.Segments.Count));
        return prefix.Matches(container);
    }

    private static Analysis Analyse(SdJwt issued, SdJwtLimits limits)
    {
        ArgumentNullException.ThrowIfNull(issued);
        if (issued.KeyBinding is not null)
        {
            throw new ArgumentException("An SD-JWT from an Issuer must not carry a KB-JWT (RFC 9901 §7.2).", nameof(issued));
        }

        var hash = SdHashAlgorithm.Sha256;
        if (issued.IssuerSignedJwt.Payload.TryGetProperty("_sd_alg", out var alg) && !SdHashAlgorithm.TryFromName(alg.GetString(), out hash))
        {
            throw new ArgumentException($"The SD-JWT uses the unsupported '_sd_alg' {alg.GetRawText()}.", nameof(issued));
        }

        var processed = SdJwtPayloadProcessor.Process(issued.IssuerSignedJwt.Payload, issued.Disclosures, hash, limits.MaxDepth);
        if (processed.Errors.Count > 0)
        {
            throw new ArgumentException($"The SD-JWT is inconsistent: {string.Join("; ", processed.Errors)}", nameof(issued));
        }

        return new Analysis(processed.Payload, processed.Applied, hash);
    }

    private sealed record Analysis(System.Text.Json.Nodes.JsonObject Payload, IReadOnlyList<SdJwtPayloadProcessor.AppliedDisclosure?> Applied, SdHashAlgorithm HashAlgorithm);
}
