namespace Wallet.Fuzz;

/// <summary>
/// Raised by a harness when the code under test broke its own contract without throwing: a failure that names no
/// check, or a code that is empty. The engine counts it as a crash like any escaping exception.
/// </summary>
internal sealed class TypedResultViolation(string message) : Exception(message);
