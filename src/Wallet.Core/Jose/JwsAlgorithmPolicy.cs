namespace Wallet.Core.Jose;

/// <summary>
/// The allow-list of JWS algorithms a verifier accepts (RFC 8725 §3.1). ES256 is always supported;
/// a deployment can narrow the list, never widen it beyond <see cref="JwsAlgorithm.All"/>.
/// </summary>
public sealed class JwsAlgorithmPolicy
{
    /// <summary>ES256, ES384 and ES512.</summary>
    public static JwsAlgorithmPolicy Default { get; } = new(JwsAlgorithm.All);

    /// <summary>Creates a policy that accepts exactly the given algorithms.</summary>
    public JwsAlgorithmPolicy(IEnumerable<JwsAlgorithm> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        Allowed = allowed.Distinct().ToArray();
        if (Allowed.Count == 0)
        {
            throw new ArgumentException("At least one algorithm must be allowed.", nameof(allowed));
        }
    }

    /// <summary>The algorithms this policy accepts.</summary>
    public IReadOnlyList<JwsAlgorithm> Allowed { get; }

    /// <summary>
    /// Resolves a received <c>alg</c> header value. Fails for <c>none</c>, symmetric algorithms,
    /// unknown names and names outside this policy, with a message that says which.
    /// </summary>
    public bool TryResolve(string? alg, out JwsAlgorithm? algorithm, out VerificationError? error)
    {
        error = null;
        if (JwsAlgorithm.TryFromName(alg, out algorithm) && Allowed.Contains(algorithm))
        {
            return true;
        }

        algorithm = null;
        var reason = alg switch
        {
            null => "the 'alg' header is missing",
            "none" => "'none' is never accepted (RFC 8725 §3.1)",
            _ when alg.StartsWith("HS", StringComparison.Ordinal) => $"'{alg}' is symmetric; only asymmetric algorithms are accepted",
            _ => $"'{alg}' is not on the allow-list ({string.Join(", ", Allowed)})",
        };
        error = new VerificationError(JoseErrorCodes.AlgorithmNotAllowed, $"Algorithm rejected: {reason}.");
        return false;
    }
}
