using System.Reflection;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Wallet.Hosting.Pkcs11;

/// <summary>
/// Lets Pkcs11Interop find <c>dlopen</c>. It imports it from "libdl", and since glibc 2.34 (Debian 12, Ubuntu 22.04) there
/// is no <c>libdl.so</c> without the C development package, only <c>libdl.so.2</c>; the names are mapped to that.
/// </summary>
public static class Pkcs11NativeLibrary
{
    private static int _registered;

    /// <summary>
    /// Registers the mapping once per process, before the first module is loaded. Safe to call more than once; when other
    /// code of the process has already set a resolver for Pkcs11Interop, that one is kept.
    /// </summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // A resolver is already set for the assembly (by the host); it is the host's to get right.
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == "libdl" && OperatingSystem.IsLinux()
        && (NativeLibrary.TryLoad("libdl.so.2", assembly, searchPath, out var handle) || NativeLibrary.TryLoad("libc.so.6", assembly, searchPath, out handle))
            ? handle
            : IntPtr.Zero;
}
