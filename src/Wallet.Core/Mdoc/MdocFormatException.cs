namespace Wallet.Core.Mdoc;

/// <summary>
/// Carries a typed error out of the nested structure readers. It never escapes the public API: every
/// TryParse entry point catches it and returns the <see cref="VerificationError"/> instead.
/// </summary>
#pragma warning disable CA1032 // Internal control-flow exception; the standard constructors would only invite misuse.
#pragma warning disable CA1064 // Never public.
internal sealed class MdocFormatException(string code, string message) : Exception(message)
#pragma warning restore CA1064
#pragma warning restore CA1032
{
    public VerificationError Error { get; } = new(code, message);
}
