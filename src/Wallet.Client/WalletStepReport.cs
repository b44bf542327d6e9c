namespace Wallet.Client;

/// <summary>A completed wallet step, reported through <see cref="WalletClientOptions.StepCompleted"/>.</summary>
/// <param name="Step">One of <see cref="WalletSteps"/>.</param>
/// <param name="Elapsed">How long the step took, HTTP round trips included.</param>
/// <param name="Detail">What the step did, in a few words; never claim values.</param>
public sealed record WalletStepReport(string Step, TimeSpan Elapsed, string Detail);
