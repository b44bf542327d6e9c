namespace Wallet.Issuer.Options;

/// <summary>
/// Which parts of the issuer the host replaced (through <see cref="PidIssuerBuilder"/> or by registering its own before
/// <c>AddPidIssuer()</c>). Options validation asks only for the settings of the defaults still in use.
/// </summary>
internal sealed class IssuerComposition
{
    /// <summary>The host supplies <see cref="Signing.IIssuerKeys"/>: no key files, no development keys.</summary>
    public bool HostKeys { get; set; }

    /// <summary>The host supplies <see cref="Pid.IAuthenticSource"/>: the embedded SQLite register is not used.</summary>
    public bool HostRegister { get; set; }

    /// <summary>The host supplies <see cref="Authentication.IUserAuthentication"/>: no development login, no upstream provider.</summary>
    public bool HostLogin { get; set; }

    /// <summary>The host supplies the stores (<see cref="Stores.IIssuerStores"/>): the SQLite stores are not used.</summary>
    public bool HostStores { get; set; }

    /// <summary>True when something still lives in the issuer's SQLite database or key folder under <c>Issuer:DataDirectory</c>.</summary>
    public bool UsesDataDirectory => !(HostKeys && HostRegister && HostStores);

    /// <summary>True when the issuer's SQLite database is used (by the default stores or the embedded register).</summary>
    public bool UsesDatabase => !(HostRegister && HostStores);
}
