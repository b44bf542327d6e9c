using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Wallet.Core.Trust;

/// <summary>
/// Validates received X.509 chains against a <see cref="TrustAnchorStore"/>, for every credential format alike.
/// </summary>
/// <remarks>
/// <para>
/// Every check is performed here explicitly, so that a failure names the certificate concerned by position and
/// subject, and then once more by the platform chain engine (<see cref="X509Chain"/> with
/// <see cref="X509ChainTrustMode.CustomRootTrust"/>: only the configured anchors, never the operating system's
/// store, and no certificate downloads). The engine's verdict is a second opinion: when the explicit checks pass but
/// the engine still rejects the chain (for instance on name constraints), the chain is rejected with the engine's
/// reason. Revocation, when enabled, is only known from the engine and is always reported.
/// </para>
/// <para>The order of the checks and every error code are described in <c>specs/trust.md</c>.</para>
/// </remarks>
public sealed class X509ChainValidator : ICertificateChainValidator
{
    private const int MaxAnchorsListed = 5;

    private readonly ConcurrentDictionary<string, CachedSuccess> _successes = new(StringComparer.Ordinal);
    private int _cacheHits;

    /// <summary>Creates a validator.</summary>
    /// <param name="anchors">The only certificates a chain may end at.</param>
    /// <param name="options">Policy; <see cref="X509ChainValidatorOptions.Default"/> when null.</param>
    public X509ChainValidator(TrustAnchorStore anchors, X509ChainValidatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        options ??= X509ChainValidatorOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxChainLength, 1, nameof(options));
        Anchors = anchors;
        Options = options;
    }

    /// <summary>The trust anchors.</summary>
    public TrustAnchorStore Anchors { get; }

    /// <summary>The policy.</summary>
    public X509ChainValidatorOptions Options { get; }

    /// <summary>Validates <paramref name="chain"/> for <paramref name="usage"/> at the current time of <paramref name="timeProvider"/>.</summary>
    public CertificateChainValidationResult Validate(IReadOnlyList<X509Certificate2> chain, CertificateUsage usage, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Validate(chain, usage, timeProvider.GetUtcNow());
    }

    /// <inheritdoc />
    public CertificateChainValidationResult Validate(IReadOnlyList<X509Certificate2> chain, CertificateUsage usage, DateTimeOffset validationTime)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(usage);
        if (chain.Count == 0)
        {
            return CertificateChainValidationResult.Failure(null, [new(TrustErrorCodes.ChainEmpty, "The certificate chain is empty; at least the signing certificate is required.")]);
        }

        foreach (var certificate in chain)
        {
            ArgumentNullException.ThrowIfNull(certificate, nameof(chain));
        }

        var leaf = chain[0];
        if (chain.Count > Options.MaxChainLength)
        {
            return CertificateChainValidationResult.Failure(leaf, [new(TrustErrorCodes.ChainTooLong, $"The certificate chain holds {chain.Count} certificates; at most {Options.MaxChainLength} are accepted.")]);
        }

        var cacheKey = Options.SuccessCacheDuration > TimeSpan.Zero ? CacheKey(chain, usage) : null;
        if (cacheKey is not null && _successes.TryGetValue(cacheKey, out var cached)
            && validationTime >= cached.NotBefore && validationTime <= cached.NotAfter
            && Options.CacheClock.GetUtcNow() - cached.CachedAt < Options.SuccessCacheDuration)
        {
            Interlocked.Increment(ref _cacheHits);
            // The cached entry is for the same bytes, so this call's own certificates make the path (the caller may dispose the earlier ones).
            return CertificateChainValidationResult.Success(chain.Take(cached.PathLength).ToArray(), cached.Anchor);
        }

        var errors = new List<VerificationError>();
        var path = StripIncludedAnchor(chain, errors, out var includedAnchor);
        CheckLinks(path, errors);
        var anchor = ResolveAnchor(path, includedAnchor, errors);
        CheckValidity(path, anchor, validationTime, errors);
        CheckLeaf(leaf, usage, errors);
        CheckIssuers(path, anchor, errors);
        RunPlatformEngine(path, anchor, validationTime, errors);

        if (errors.Count == 0 && anchor is not null)
        {
            if (cacheKey is not null)
            {
                Remember(cacheKey, path, anchor);
            }

            return CertificateChainValidationResult.Success(path, anchor);
        }

        return CertificateChainValidationResult.Failure(leaf, errors);
    }

    /// <summary>How many validations were answered from the success cache (for tests and diagnostics).</summary>
    internal int CacheHits => Volatile.Read(ref _cacheHits);

    private static string CacheKey(IReadOnlyList<X509Certificate2> chain, CertificateUsage usage)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(usage.Name + "\n" + usage.RequiredExtendedKeyUsage + "\n"));
        foreach (var certificate in chain)
        {
            hash.AppendData(BitConverter.GetBytes(certificate.RawData.Length));
            hash.AppendData(certificate.RawData);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private void Remember(string key, List<X509Certificate2> path, TrustAnchor anchor)
    {
        if (_successes.Count >= Options.MaxCacheEntries)
        {
            _successes.Clear();
        }

        var certificates = path.Append(anchor.Certificate).ToArray();
        _successes[key] = new CachedSuccess(
            path.Count,
            anchor,
            certificates.Max(CertificateFacts.NotBefore),
            certificates.Min(CertificateFacts.NotAfter),
            Options.CacheClock.GetUtcNow());
    }

    private sealed record CachedSuccess(int PathLength, TrustAnchor Anchor, DateTimeOffset NotBefore, DateTimeOffset NotAfter, DateTimeOffset CachedAt);

    /// <summary>HAIP 1.0 §4.1: the anchor must not travel with the chain. Returns the chain without a trailing anchor.</summary>
    private List<X509Certificate2> StripIncludedAnchor(IReadOnlyList<X509Certificate2> chain, List<VerificationError> errors, out TrustAnchor? includedAnchor)
    {
        includedAnchor = null;
        var path = chain.ToList();
        for (var i = 0; i < chain.Count; i++)
        {
            if (Anchors.Find(chain[i]) is not { } found)
            {
                continue;
            }

            var trailing = i == chain.Count - 1 && i > 0;
            if (trailing)
            {
                includedAnchor = found;
                path.RemoveAt(i);
                if (Options.AllowAnchorInChain)
                {
                    continue;
                }
            }

            errors.Add(new(TrustErrorCodes.AnchorInChain, $"{Capitalize(CertificateFacts.Describe(chain[i], i))} is the {CertificateFacts.Describe(found)} itself; HAIP 1.0 §4.1 requires the trust anchor to be left out of x5c / x5chain{(trailing ? " (X509ChainValidatorOptions.AllowAnchorInChain accepts it)" : string.Empty)}."));
        }

        return path;
    }

    /// <summary>RFC 7515 §4.1.6: each certificate must be certified by the one that follows it.</summary>
    private static void CheckLinks(List<X509Certificate2> path, List<VerificationError> errors)
    {
        for (var i = 0; i < path.Count - 1; i++)
        {
            var certificate = path[i];
            var issuer = path[i + 1];
            if (!CertificateFacts.IssuedBy(certificate, issuer))
            {
                errors.Add(new(TrustErrorCodes.IssuerMismatch, $"{Capitalize(CertificateFacts.Describe(certificate, i))} is issued by '{certificate.Issuer}', but the next certificate is '{issuer.Subject}': each certificate must be followed by its issuer (RFC 7515 §4.1.6)."));
                continue;
            }

            AddSignatureError(CertificateSignature.Verify(certificate, issuer), certificate, i, CertificateFacts.Describe(issuer, i + 1), errors);
        }
    }

    private TrustAnchor? ResolveAnchor(List<X509Certificate2> path, TrustAnchor? includedAnchor, List<VerificationError> errors)
    {
        var topIndex = path.Count - 1;
        var top = path[topIndex];
        if (includedAnchor is not null && !CertificateFacts.IssuedBy(top, includedAnchor.Certificate))
        {
            errors.Add(new(TrustErrorCodes.IssuerMismatch, $"{Capitalize(CertificateFacts.Describe(top, topIndex))} is issued by '{top.Issuer}', but the next certificate is the {CertificateFacts.Describe(includedAnchor)}: each certificate must be followed by its issuer (RFC 7515 §4.1.6)."));
        }

        var candidates = Anchors.FindIssuerCandidates(top);
        if (candidates.Count == 0)
        {
            errors.Add(new(TrustErrorCodes.UntrustedRoot, UntrustedRootMessage(top, topIndex)));
            return null;
        }

        var unsupported = false;
        foreach (var candidate in candidates)
        {
            switch (CertificateSignature.Verify(top, candidate.Certificate))
            {
                case SignatureCheck.Valid:
                    return candidate;
                case SignatureCheck.UnsupportedAlgorithm:
                    unsupported = true;
                    break;
            }
        }

        if (unsupported)
        {
            AddSignatureError(SignatureCheck.UnsupportedAlgorithm, top, topIndex, CertificateFacts.Describe(candidates[0]), errors);
            return null;
        }

        var authorityKeyId = CertificateFacts.AuthorityKeyId(top);
        var anchorKeyIds = string.Join(", ", candidates.Select(c => CertificateFacts.SubjectKeyId(c.Certificate) ?? "none"));
        errors.Add(new(TrustErrorCodes.SignatureInvalid, $"The signature of {CertificateFacts.Describe(top, topIndex)} does not verify with the key of {string.Join(", ", candidates.Select(CertificateFacts.Describe))}, which bears its issuer's name: the certificate was altered, or it was issued by another key of a CA with the same name (authority key identifier {authorityKeyId ?? "none"}; anchor subject key identifier {anchorKeyIds})."));
        return null;
    }

    private string UntrustedRootMessage(X509Certificate2 top, int topIndex)
    {
        var problem = CertificateFacts.IsSelfIssued(top)
            ? $"The chain ends at the self-signed {CertificateFacts.Describe(top, topIndex)}, which is not a configured trust anchor."
            : $"No configured trust anchor is named '{top.Issuer}', the issuer of {CertificateFacts.Describe(top, topIndex)}"
              + (CertificateFacts.AuthorityKeyId(top) is { } aki ? $" (authority key identifier {aki})" : string.Empty)
              + "; add that CA certificate to the trust anchors if it is to be trusted.";
        var anchors = Anchors.Anchors;
        var configured = anchors.Count == 0
            ? " No trust anchor is configured."
            : $" Configured anchors ({anchors.Count}): {string.Join(", ", anchors.Take(MaxAnchorsListed).Select(a => $"'{a.DisplayName}'"))}{(anchors.Count > MaxAnchorsListed ? ", …" : string.Empty)}.";
        return problem + configured;
    }

    private static void CheckValidity(List<X509Certificate2> path, TrustAnchor? anchor, DateTimeOffset time, List<VerificationError> errors)
    {
        for (var i = 0; i < path.Count; i++)
        {
            CheckValidity(path[i], CertificateFacts.Describe(path[i], i), time, errors);
        }

        if (anchor is not null)
        {
            CheckValidity(anchor.Certificate, CertificateFacts.Describe(anchor), time, errors);
        }
    }

    private static void CheckValidity(X509Certificate2 certificate, string description, DateTimeOffset time, List<VerificationError> errors)
    {
        if (time < CertificateFacts.NotBefore(certificate))
        {
            errors.Add(new(TrustErrorCodes.CertificateNotYetValid, $"{Capitalize(description)} is not yet valid at {CertificateFacts.Time(time)}: {CertificateFacts.Window(certificate)}."));
        }
        else if (time > CertificateFacts.NotAfter(certificate))
        {
            errors.Add(new(TrustErrorCodes.CertificateExpired, $"{Capitalize(description)} has expired at {CertificateFacts.Time(time)}: {CertificateFacts.Window(certificate)}."));
        }
    }

    private static void CheckLeaf(X509Certificate2 leaf, CertificateUsage usage, List<VerificationError> errors)
    {
        var description = Capitalize(CertificateFacts.Describe(leaf, 0));
        if (CertificateFacts.IsSelfIssued(leaf))
        {
            errors.Add(new(TrustErrorCodes.LeafSelfSigned, $"{description} is self-signed (its issuer is its own subject); HAIP 1.0 §4.1 requires the signing certificate to be issued by a CA."));
        }

        var keyUsage = CertificateFacts.KeyUsage(leaf);
        if (keyUsage is null)
        {
            errors.Add(new(TrustErrorCodes.KeyUsage, $"{description} has no keyUsage extension; a {usage.Name} certificate needs digitalSignature (RFC 5280 §4.2.1.3)."));
        }
        else if ((keyUsage.Value & X509KeyUsageFlags.DigitalSignature) == 0)
        {
            errors.Add(new(TrustErrorCodes.KeyUsage, $"{description} has keyUsage '{keyUsage.Value}' without digitalSignature, which a {usage.Name} certificate needs (RFC 5280 §4.2.1.3)."));
        }

        if (usage.RequiredExtendedKeyUsage is { } required)
        {
            var ekus = CertificateFacts.ExtendedKeyUsages(leaf);
            if (ekus is null)
            {
                errors.Add(new(TrustErrorCodes.EkuMissing, $"{description} has no extendedKeyUsage extension; a {usage.Name} needs {required}."));
            }
            else if (!ekus.Contains(required, StringComparer.Ordinal))
            {
                errors.Add(new(TrustErrorCodes.EkuMissing, $"{description} has extendedKeyUsage {(ekus.Count == 0 ? "(empty)" : string.Join(", ", ekus))} but not {required}, which a {usage.Name} needs."));
            }
        }
    }

    /// <summary>RFC 5280 §4.2.1.3 and §4.2.1.9 for every certificate that issues another one.</summary>
    private static void CheckIssuers(List<X509Certificate2> path, TrustAnchor? anchor, List<VerificationError> errors)
    {
        for (var i = 1; i < path.Count; i++)
        {
            var certificate = path[i];
            var description = Capitalize(CertificateFacts.Describe(certificate, i));
            var issued = CertificateFacts.Describe(path[i - 1], i - 1);
            if (!CertificateFacts.IsCa(certificate))
            {
                errors.Add(new(TrustErrorCodes.NotACa, $"{description} issues {issued} but is not a CA: basicConstraints cA=TRUE is required (RFC 5280 §4.2.1.9)."));
            }

            if (!CertificateFacts.HasKeyUsage(certificate, X509KeyUsageFlags.KeyCertSign))
            {
                errors.Add(new(TrustErrorCodes.KeyUsage, $"{description} issues {issued} but its keyUsage lacks keyCertSign (RFC 5280 §4.2.1.3)."));
            }

            CheckPathLength(certificate, description, i - 1, errors);
        }

        if (anchor is not null)
        {
            CheckPathLength(anchor.Certificate, Capitalize(CertificateFacts.Describe(anchor)), path.Count - 1, errors);
        }
    }

    private static void CheckPathLength(X509Certificate2 certificate, string description, int intermediatesBelow, List<VerificationError> errors)
    {
        if (CertificateFacts.BasicConstraints(certificate) is { HasPathLengthConstraint: true } constraints && intermediatesBelow > constraints.PathLengthConstraint)
        {
            errors.Add(new(TrustErrorCodes.PathLengthExceeded, $"{description} allows {constraints.PathLengthConstraint} intermediate CA certificate(s) below it (pathLenConstraint) but {intermediatesBelow} follow (RFC 5280 §4.2.1.9)."));
        }
    }

    private void RunPlatformEngine(List<X509Certificate2> path, TrustAnchor? anchor, DateTimeOffset time, List<VerificationError> errors)
    {
        var explicitChecksFailed = errors.Count > 0;
        if (explicitChecksFailed && Options.RevocationMode == X509RevocationMode.NoCheck)
        {
            // Nothing the engine could add would be reported: it is only a second opinion on a chain we accept.
            return;
        }

        using var engine = new X509Chain();
        var policy = engine.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = time.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        policy.RevocationMode = Options.RevocationMode;
        policy.RevocationFlag = X509RevocationFlag.ExcludeRoot;
        policy.UrlRetrievalTimeout = Options.RevocationTimeout;
        if (anchor is not null)
        {
            policy.CustomTrustStore.Add(anchor.Certificate);
        }

        for (var i = 1; i < path.Count; i++)
        {
            policy.ExtraStore.Add(path[i]);
        }

        bool built;
        try
        {
            built = engine.Build(path[0]);
        }
        catch (CryptographicException e)
        {
            if (!explicitChecksFailed)
            {
                errors.Add(new(TrustErrorCodes.ChainInvalid, $"The platform chain engine could not process the chain: {e.Message}"));
            }

            return;
        }

        var reported = new HashSet<(string, string)>();
        foreach (var element in engine.ChainElements)
        {
            foreach (var status in element.ChainElementStatus)
            {
                var code = Map(status.Status, element.Certificate, time);
                if (code is null || (explicitChecksFailed && code is not (TrustErrorCodes.Revoked or TrustErrorCodes.RevocationUnknown)))
                {
                    continue;
                }

                if (reported.Add((code, element.Certificate.Subject)))
                {
                    errors.Add(new(code, $"The platform chain engine reports {status.Status} for '{element.Certificate.Subject}': {status.StatusInformation.Trim()}"));
                }
            }
        }

        if (explicitChecksFailed || errors.Count > 0)
        {
            return;
        }

        var root = engine.ChainElements.Count > 0 ? engine.ChainElements[^1].Certificate : null;
        if (!built || anchor is null || root is null || !root.RawData.AsSpan().SequenceEqual(anchor.Certificate.RawData))
        {
            errors.Add(new(TrustErrorCodes.ChainInvalid, $"The platform chain engine did not confirm a path from {CertificateFacts.Describe(path[0], 0)} to a trust anchor ({string.Join(", ", engine.ChainStatus.Select(s => s.Status))})."));
        }
    }

    private static string? Map(X509ChainStatusFlags status, X509Certificate2 certificate, DateTimeOffset time) => status switch
    {
        X509ChainStatusFlags.NoError or X509ChainStatusFlags.NotTimeNested => null,
        X509ChainStatusFlags.Revoked => TrustErrorCodes.Revoked,
        X509ChainStatusFlags.RevocationStatusUnknown or X509ChainStatusFlags.OfflineRevocation => TrustErrorCodes.RevocationUnknown,
        X509ChainStatusFlags.NotTimeValid => time < CertificateFacts.NotBefore(certificate) ? TrustErrorCodes.CertificateNotYetValid : TrustErrorCodes.CertificateExpired,
        X509ChainStatusFlags.NotSignatureValid => TrustErrorCodes.SignatureInvalid,
        X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.PartialChain => TrustErrorCodes.UntrustedRoot,
        X509ChainStatusFlags.InvalidBasicConstraints => TrustErrorCodes.NotACa,
        X509ChainStatusFlags.NotValidForUsage => TrustErrorCodes.KeyUsage,
        _ => TrustErrorCodes.ChainInvalid,
    };

    private static void AddSignatureError(SignatureCheck check, X509Certificate2 certificate, int index, string issuerDescription, List<VerificationError> errors)
    {
        switch (check)
        {
            case SignatureCheck.Invalid:
                errors.Add(new(TrustErrorCodes.SignatureInvalid, $"The signature of {CertificateFacts.Describe(certificate, index)} does not verify with the key of its issuer, {issuerDescription}."));
                break;
            case SignatureCheck.UnsupportedAlgorithm:
                errors.Add(new(TrustErrorCodes.UnsupportedAlgorithm, $"{Capitalize(CertificateFacts.Describe(certificate, index))} is signed with {certificate.SignatureAlgorithm.FriendlyName ?? certificate.SignatureAlgorithm.Value}; only ECDSA and RSA (PKCS#1 v1.5 or PSS) with SHA-256/384/512 are verified."));
                break;
        }
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
