using Wallet.Core.Trust;

namespace Wallet.Issuer.Authentication;

/// <summary>The outcome of user authentication.</summary>
/// <param name="PersonId">The person's identifier in the authentic source.</param>
/// <param name="LevelOfAssurance">The eIDAS level the authentication reached; null when its <c>acr</c> is not mapped to one.</param>
/// <param name="Acr">The authentication context class reference reported by the provider, if any.</param>
internal sealed record AuthenticatedUser(string PersonId, LevelOfAssurance? LevelOfAssurance, string? Acr);
