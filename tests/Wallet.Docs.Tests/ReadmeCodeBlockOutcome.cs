namespace Wallet.Docs.Tests;

/// <summary>The failures found in a README block (empty when it keeps its promise) and, for a program, its run.</summary>
public sealed record ReadmeCodeBlockOutcome(IReadOnlyList<string> Failures, SnippetRun? Run);
