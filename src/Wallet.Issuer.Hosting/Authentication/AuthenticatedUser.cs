using Wallet.Core.Trust;

namespace Wallet.Issuer.Authentication;

/// <summary>The outcome of user authentication, given to <see cref="IAuthorizationCompletion.CompleteAsync"/>.</summary>
/// <param name="PersonId">The person's identifier in the authentic source (<see cref="Pid.IAuthenticSource.FindAsync"/>).</param>
/// <param name="LevelOfAssurance">The eIDAS level the authentication reached; null when unknown. PID is only issued at <see cref="LevelOfAssurance.High"/>.</param>
/// <param name="Acr">The authentication context class reference reported by the login, if any; shown in the refusal when the level is too low.</param>
public sealed record AuthenticatedUser(string PersonId, LevelOfAssurance? LevelOfAssurance, string? Acr = null);
