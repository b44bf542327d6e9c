using System.Collections.Concurrent;
using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Wallet.Hosting.Pkcs11;

/// <summary>
/// One token of one loaded PKCS#11 module, shared by every key of the process that lives in it.
/// </summary>
/// <remarks>
/// Shared because PKCS#11 state is per process, not per object: <c>C_Initialize</c> runs once per module and
/// <c>C_Finalize</c> would pull the module from under every other key, and the login state belongs to the application
/// and lasts while any session to the token is open. So a module is loaded once and never finalized, and each token keeps
/// one session open that holds the login; signing sessions are opened beside it.
/// </remarks>
internal sealed class Pkcs11Token
{
    private static readonly ConcurrentDictionary<string, Lazy<IPkcs11Library>> Modules = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string Module, string Serial), Pkcs11Token> Tokens = new();

    private readonly Lock _loginLock = new();
    private ISession? _loginSession;
    private byte[]? _loginPinHash;

    private Pkcs11Token(ISlot slot, string label)
    {
        Slot = slot;
        Label = label;
    }

    public static Pkcs11InteropFactories Factories { get; } = new();

    public ISlot Slot { get; }

    public string Label { get; }

    /// <summary>Loads the module (<c>C_Initialize</c>) on its first use in the process.</summary>
    /// <exception cref="Exception">The module cannot be loaded: the exception of the loader or the module.</exception>
    public static IPkcs11Library LoadModule(string modulePath)
    {
        Pkcs11NativeLibrary.Register();
        return Modules.GetOrAdd(Path.GetFullPath(modulePath), path => new Lazy<IPkcs11Library>(
            () => Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, path, AppType.MultiThreaded))).Value;
    }

    /// <summary>Finds the token labelled <paramref name="label"/> in a loaded module.</summary>
    /// <exception cref="Pkcs11Exception">The module reports an error.</exception>
    /// <exception cref="InvalidOperationException">No token, or several, carry the label; the message says which exist.</exception>
    public static Pkcs11Token Find(string modulePath, string label)
    {
        var module = Path.GetFullPath(modulePath);
        var present = LoadModule(module).GetSlotList(SlotsType.WithTokenPresent)
            .Select(slot => (Slot: slot, Info: slot.GetTokenInfo()))
            .ToList();
        var matches = present.Where(s => string.Equals(s.Info.Label.Trim(), label, StringComparison.Ordinal)).ToList();
        if (matches.Count != 1)
        {
            var labels = string.Join(", ", present.Select(s => $"'{s.Info.Label.Trim()}'"));
            throw new InvalidOperationException(matches.Count == 0
                ? $"no token labelled '{label}' (tokens present: {(labels.Length == 0 ? "none" : labels)})"
                : $"{matches.Count} tokens are labelled '{label}'; which one holds the key is ambiguous");
        }

        var (slot, info) = matches[0];
        return Tokens.GetOrAdd((module, info.SerialNumber.Trim()), _ => new Pkcs11Token(slot, label));
    }

    /// <summary>
    /// Logs the user in, once for the process. A second key in the same token must come with the same PIN: a wrong PIN is
    /// reported even when the token is already logged in.
    /// </summary>
    /// <exception cref="InvalidOperationException">The PIN is wrong, or differs from the one the token was logged in with.</exception>
    public void LogIn(byte[] pin)
    {
        var pinHash = SHA256.HashData(pin);
        lock (_loginLock)
        {
            if (_loginSession is not null)
            {
                if (!CryptographicOperations.FixedTimeEquals(pinHash, _loginPinHash))
                {
                    throw new InvalidOperationException($"the PIN differs from the one token '{Label}' is logged in with");
                }

                return;
            }

            var session = Slot.OpenSession(SessionType.ReadOnly);
            try
            {
                session.Login(CKU.CKU_USER, pin);
            }
            catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
            {
                // Logged in by other code of this process through its own copy of the module; the PIN is then unchecked
                // here, but the test signature still proves the key is usable.
            }
            catch (Pkcs11Exception e)
            {
                session.Dispose();
                throw new InvalidOperationException(e.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_INVALID or CKR.CKR_PIN_LEN_RANGE
                    ? $"the PIN is not accepted by token '{Label}' ({e.RV})"
                    : $"login to token '{Label}' failed ({e.RV})");
            }

            _loginSession = session;
            _loginPinHash = pinHash;
        }
    }
}
