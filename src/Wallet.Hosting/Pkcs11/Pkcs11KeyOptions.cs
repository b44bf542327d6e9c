namespace Wallet.Hosting.Pkcs11;

/// <summary>
/// A private key in a PKCS#11 token (an HSM): which module, which token, which key, and where the PIN comes from. The PIN
/// itself is never a setting, so an options dump or a configuration file never holds it: name an environment variable
/// (<see cref="PinEnvironmentVariable"/>) or a file (<see cref="PinFile"/>, e.g. a mounted secret).
/// </summary>
public sealed class Pkcs11KeyOptions
{
    /// <summary>Path of the vendor's PKCS#11 module, e.g. <c>/usr/lib/softhsm/libsofthsm2.so</c>.</summary>
    public string? ModulePath { get; set; }

    /// <summary>The label of the token that holds the key (<c>CK_TOKEN_INFO.label</c>, without its space padding).</summary>
    public string? TokenLabel { get; set; }

    /// <summary>The <c>CKA_LABEL</c> of the private key.</summary>
    public string? KeyLabel { get; set; }

    /// <summary>The name of the environment variable that holds the user PIN.</summary>
    public string? PinEnvironmentVariable { get; set; }

    /// <summary>A file whose content (trailing line break ignored) is the user PIN.</summary>
    public string? PinFile { get; set; }

    /// <summary>True when any setting is given.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(ModulePath) || !string.IsNullOrWhiteSpace(TokenLabel) || !string.IsNullOrWhiteSpace(KeyLabel)
        || !string.IsNullOrWhiteSpace(PinEnvironmentVariable) || !string.IsNullOrWhiteSpace(PinFile);
}
