using Wallet.Core.Pid;

namespace Wallet.Issuer.Pid;

/// <summary>
/// Where PID data comes from: a population register or another authentic source. The embedded default is
/// <see cref="SqlitePersonRegister"/>; a host brings its own with <c>AddPidIssuer().UsePersonRegister&lt;T&gt;()</c>.
/// It is asked when an offer is made, when a login completes and again at issuance, so the register stays the truth;
/// the data is issued as returned and must be valid PID data (<see cref="PersonIdentificationData.Validate"/>).
/// </summary>
public interface IAuthenticSource
{
    /// <summary>The PID of the person with the register's identifier <paramref name="personId"/>, or null when unknown.</summary>
    ValueTask<PersonIdentificationData?> FindAsync(string personId, CancellationToken cancellationToken = default);

    /// <summary>
    /// True when the source needs a manual check before the person's data may be issued (for example a person without
    /// a national number): the issuer then answers deferred (OpenID4VCI 1.0 §9) and the agency API completes or refuses
    /// the issuance. The default is false.
    /// </summary>
    ValueTask<bool> RequiresManualCheckAsync(string personId, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);
}
