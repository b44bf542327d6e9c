namespace Wallet.Verifier.Page;

/// <summary>One check the Verifier ran on a verified response, as the relying-party page lists it.</summary>
/// <param name="Name">Short name, e.g. <c>Issuer signature</c>.</param>
/// <param name="Detail">What exactly was checked, with the clause.</param>
public sealed record DemoCheck(string Name, string Detail);
