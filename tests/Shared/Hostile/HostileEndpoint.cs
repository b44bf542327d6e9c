namespace Wallet.Tests.Hostile;

/// <summary>One endpoint as the hostile generator sees it: what it takes and which error body it owes.</summary>
/// <param name="Method">The method it is mapped with.</param>
/// <param name="Path">The path, ids already filled in.</param>
/// <param name="Body">The error body it owes.</param>
/// <param name="Parameters">The form, query or JSON member names it reads (each is sent repeated, invalid and as a hostile JWT).</param>
public sealed record HostileEndpoint(string Method, string Path, ErrorBody Body, params string[] Parameters)
{
    /// <summary>The body is JSON (else a form, for POST).</summary>
    public bool Json { get; init; }

    /// <summary>
    /// Every parameter is optional and free text (OpenID4VP 1.0 §5.10 <c>wallet_nonce</c>), or the endpoint acknowledges
    /// any well-formed post and reports the outcome to the relying party (§8.2): malformed forms and odd values may be
    /// answered 2xx; never 5xx.
    /// </summary>
    public bool ValuesMayBeAccepted { get; init; }

    /// <summary>A valid-looking body to start the mutations from; null for none.</summary>
    public string? ValidBody { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Path}";
}
