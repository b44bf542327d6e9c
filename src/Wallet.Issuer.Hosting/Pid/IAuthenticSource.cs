using Wallet.Core.Pid;

namespace Wallet.Issuer.Pid;

/// <summary>Where PID data comes from: a population register or another authentic source.</summary>
public interface IAuthenticSource
{
    /// <summary>The PID of the person with the register's identifier <paramref name="personId"/>, or null when unknown.</summary>
    ValueTask<PersonIdentificationData?> FindAsync(string personId, CancellationToken cancellationToken = default);
}
