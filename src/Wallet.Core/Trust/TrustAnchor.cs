using System.Security.Cryptography.X509Certificates;

namespace Wallet.Core.Trust;

/// <summary>A trusted root certificate, optionally tagged with the level of assurance it certifies.</summary>
/// <param name="Certificate">The root (or otherwise trusted) CA certificate.</param>
/// <param name="LevelOfAssurance">The eIDAS level of assurance of credentials issued under this anchor, when known.</param>
/// <param name="Name">A name for messages and reports; defaults to the certificate subject.</param>
public sealed record TrustAnchor(X509Certificate2 Certificate, LevelOfAssurance? LevelOfAssurance = null, string? Name = null)
{
    /// <summary>The name shown in reports: <see cref="Name"/> or the certificate subject.</summary>
    public string DisplayName => Name ?? Certificate.Subject;
}
