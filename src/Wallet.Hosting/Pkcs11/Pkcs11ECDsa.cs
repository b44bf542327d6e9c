using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Wallet.Hosting.Pkcs11;

/// <summary>
/// An ECDSA private key that stays in a PKCS#11 token: every signature is a <c>C_Sign</c> with <c>CKM_ECDSA</c> over the
/// hash, so JOSE (Microsoft.IdentityModel) and COSE (<c>CoseSigner</c>) sign with it unchanged through
/// <see cref="ECDsa.SignData(byte[], HashAlgorithmName)"/> and <see cref="ECDsa.SignHash(byte[])"/>. The public half
/// comes from the key's certificate; exporting the private half fails.
/// </summary>
/// <remarks>
/// <see cref="TryOpen"/> checks what start-up must know: the module loads, the token is there, the PIN is accepted, exactly
/// one EC private key carries the label, it may sign and is sensitive and not extractable, and a test signature verifies
/// with the certificate's public key (so the certificate belongs to the key).
/// </remarks>
public sealed class Pkcs11ECDsa : ECDsa
{
    private readonly Pkcs11Token _token;
    private readonly IObjectHandle _privateKey;
    private readonly ECDsa _publicKey;
    private readonly ConcurrentBag<ISession> _sessions = [];
    private bool _disposed;

    private Pkcs11ECDsa(Pkcs11Token token, IObjectHandle privateKey, ECDsa publicKey)
    {
        _token = token;
        _privateKey = privateKey;
        _publicKey = publicKey;
        KeySizeValue = publicKey.KeySize;
        LegalKeySizesValue = [new KeySizes(publicKey.KeySize, publicKey.KeySize, 0)];
    }

    /// <summary>Opens the key that <paramref name="options"/> names and checks it against <paramref name="certificate"/>.</summary>
    /// <param name="options">Module, token, key label and PIN source.</param>
    /// <param name="certificate">The key's certificate (its public key is the key's public half).</param>
    /// <param name="setting">The configuration path of <paramref name="options"/>, named in every failure, e.g. <c>Issuer:Keys:CredentialSigner:Pkcs11</c>.</param>
    /// <param name="key">The opened key; the caller disposes it.</param>
    /// <param name="failure">What failed, naming the setting; never the PIN.</param>
    /// <returns>True when the key is usable.</returns>
    public static bool TryOpen(
        Pkcs11KeyOptions options,
        X509Certificate2 certificate,
        string setting,
        [NotNullWhen(true)] out Pkcs11ECDsa? key,
        [NotNullWhen(false)] out string? failure)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(certificate);
        key = null;
        failure = Missing(options, setting);
        if (failure is not null)
        {
            return false;
        }

        var publicKey = certificate.GetECDsaPublicKey();
        if (publicKey is null)
        {
            failure = $"{setting}: the certificate '{certificate.Subject}' does not hold an EC public key.";
            return false;
        }

        if (!TryReadPin(options, setting, out var pin, out failure))
        {
            publicKey.Dispose();
            return false;
        }

        try
        {
            Pkcs11Token.LoadModule(options.ModulePath!);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever the loader or the module's C_Initialize throws, the setting to fix is the same.
            failure = $"{setting}:ModulePath: '{options.ModulePath}' cannot be loaded as a PKCS#11 module ({e.GetType().Name}).";
            publicKey.Dispose();
            return false;
        }

        Pkcs11Token token;
        try
        {
            token = Pkcs11Token.Find(options.ModulePath!, options.TokenLabel!);
        }
        catch (Exception e) when (e is Pkcs11Exception or InvalidOperationException)
        {
            failure = $"{setting}:TokenLabel: {e.Message}.";
            publicKey.Dispose();
            return false;
        }

        try
        {
            token.LogIn(pin);
        }
        catch (InvalidOperationException e)
        {
            failure = $"{setting}:{(string.IsNullOrWhiteSpace(options.PinEnvironmentVariable) ? "PinFile" : "PinEnvironmentVariable")}: {e.Message}.";
            publicKey.Dispose();
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pin);
        }

        IObjectHandle? handle;
        try
        {
            if (!TryFindKey(token, options.KeyLabel!, setting, out handle, out failure))
            {
                publicKey.Dispose();
                return false;
            }
        }
        catch (Pkcs11Exception e)
        {
            failure = $"{setting}:KeyLabel: the token failed while looking for '{options.KeyLabel}' ({e.RV}).";
            publicKey.Dispose();
            return false;
        }

        key = new Pkcs11ECDsa(token, handle, publicKey);

        // The test signature: the key signs, and it is the certificate's key.
        var hash = SHA256.HashData(RandomNumberGenerator.GetBytes(32));
        byte[] signature;
        try
        {
            signature = key.SignHash(hash);
        }
        catch (CryptographicException e)
        {
            failure = $"{setting}:KeyLabel: the key '{options.KeyLabel}' cannot sign ({e.Message}).";
            key.Dispose();
            key = null;
            return false;
        }

        if (!publicKey.VerifyHash(hash, signature))
        {
            failure = $"{setting}:KeyLabel: the key '{options.KeyLabel}' is not the key of the certificate '{certificate.Subject}'.";
            key.Dispose();
            key = null;
            return false;
        }

        return true;
    }

    /// <inheritdoc/>
    public override byte[] SignHash(byte[] hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var session = Rent();
        try
        {
            using var mechanism = Pkcs11Token.Factories.MechanismFactory.Create(CKM.CKM_ECDSA);
            var signature = session.Sign(mechanism, _privateKey, hash);
            _sessions.Add(session);
            return signature;
        }
        catch (Pkcs11Exception e)
        {
            // A session that failed may be broken (token removed, session closed by the module): drop it.
            session.Dispose();
            throw new CryptographicException($"The PKCS#11 token '{_token.Label}' did not sign ({e.RV}).", e);
        }
    }

    /// <inheritdoc/>
    public override bool VerifyHash(byte[] hash, byte[] signature) => _publicKey.VerifyHash(hash, signature);

    /// <summary>The public parameters; the private ones never leave the token.</summary>
    /// <exception cref="CryptographicException"><paramref name="includePrivateParameters"/> is true.</exception>
    public override ECParameters ExportParameters(bool includePrivateParameters) =>
        includePrivateParameters ? throw NotExtractable() : _publicKey.ExportParameters(false);

    /// <summary>The explicit public parameters; the private ones never leave the token.</summary>
    /// <exception cref="CryptographicException"><paramref name="includePrivateParameters"/> is true.</exception>
    public override ECParameters ExportExplicitParameters(bool includePrivateParameters) =>
        includePrivateParameters ? throw NotExtractable() : _publicKey.ExportExplicitParameters(false);

    /// <summary>Not supported: the key is the token's.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void ImportParameters(ECParameters parameters) => throw new NotSupportedException("A PKCS#11 key cannot be replaced by imported parameters.");

    /// <summary>Not supported: keys are generated in the token with its own tools.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void GenerateKey(ECCurve curve) => throw new NotSupportedException("Generate keys in the token with its own tools.");

    /// <inheritdoc/>
    protected override byte[] HashData(byte[] data, int offset, int count, HashAlgorithmName hashAlgorithm) =>
        CryptographicOperations.HashData(hashAlgorithm, data.AsSpan(offset, count));

    /// <inheritdoc/>
    protected override byte[] HashData(Stream data, HashAlgorithmName hashAlgorithm) =>
        CryptographicOperations.HashData(hashAlgorithm, data);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            ReleaseSessionsOnly();
            _publicKey.Dispose();
        }

        base.Dispose(disposing);
    }

    private static CryptographicException NotExtractable() => new("The private key stays in the PKCS#11 token and cannot be exported.");

    private static string? Missing(Pkcs11KeyOptions options, string setting)
    {
        foreach (var (name, value) in new[] { ("ModulePath", options.ModulePath), ("TokenLabel", options.TokenLabel), ("KeyLabel", options.KeyLabel) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return $"{setting}:{name} is required.";
            }
        }

        return string.IsNullOrWhiteSpace(options.PinEnvironmentVariable) == string.IsNullOrWhiteSpace(options.PinFile)
            ? $"{setting} must give either PinEnvironmentVariable or PinFile."
            : null;
    }

    private static bool TryReadPin(Pkcs11KeyOptions options, string setting, out byte[] pin, [NotNullWhen(false)] out string? failure)
    {
        pin = [];
        failure = null;
        string? text;
        if (!string.IsNullOrWhiteSpace(options.PinEnvironmentVariable))
        {
            text = Environment.GetEnvironmentVariable(options.PinEnvironmentVariable);
            if (string.IsNullOrEmpty(text))
            {
                failure = $"{setting}:PinEnvironmentVariable: the environment variable '{options.PinEnvironmentVariable}' is not set.";
                return false;
            }
        }
        else
        {
            try
            {
                text = File.ReadAllText(options.PinFile!).TrimEnd('\r', '\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                failure = $"{setting}:PinFile: '{options.PinFile}' cannot be read ({e.GetType().Name}).";
                return false;
            }
        }

        pin = System.Text.Encoding.UTF8.GetBytes(text);
        return true;
    }

    private static bool TryFindKey(Pkcs11Token token, string label, string setting, [NotNullWhen(true)] out IObjectHandle? handle, [NotNullWhen(false)] out string? failure)
    {
        handle = null;
        using var session = token.Slot.OpenSession(SessionType.ReadOnly);
        var attributes = Pkcs11Token.Factories.ObjectAttributeFactory;
        var found = session.FindAllObjects(
        [
            attributes.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY),
            attributes.Create(CKA.CKA_LABEL, label),
        ]);
        if (found.Count != 1)
        {
            failure = found.Count == 0
                ? $"{setting}:KeyLabel: token '{token.Label}' holds no private key labelled '{label}'."
                : $"{setting}:KeyLabel: token '{token.Label}' holds {found.Count} private keys labelled '{label}'; which one signs is ambiguous.";
            return false;
        }

        var values = session.GetAttributeValue(found[0], [CKA.CKA_KEY_TYPE, CKA.CKA_SIGN, CKA.CKA_SENSITIVE, CKA.CKA_EXTRACTABLE]);
        if (values[0].GetValueAsUlong() != (ulong)CKK.CKK_EC)
        {
            failure = $"{setting}:KeyLabel: the key '{label}' is not an EC key.";
            return false;
        }

        if (!values[1].GetValueAsBool())
        {
            failure = $"{setting}:KeyLabel: the key '{label}' may not sign (CKA_SIGN is false).";
            return false;
        }

        // The private key must never leave the token, not even wrapped.
        if (!values[2].GetValueAsBool() || values[3].GetValueAsBool())
        {
            failure = $"{setting}:KeyLabel: the key '{label}' can leave the token (CKA_SENSITIVE must be true and CKA_EXTRACTABLE false).";
            return false;
        }

        handle = found[0];
        failure = null;
        return true;
    }

    private ISession Rent() => _sessions.TryTake(out var session) ? session : _token.Slot.OpenSession(SessionType.ReadOnly);

    private void ReleaseSessionsOnly()
    {
        while (_sessions.TryTake(out var session))
        {
            session.Dispose();
        }
    }
}
