namespace Wallet.Core.Representation;

/// <summary>The represented party: a natural person (<see cref="Person"/>) or a legal person (<see cref="LegalName"/>, <see cref="LegalPersonIdentifier"/>).</summary>
public sealed record RepresentedParty
{
    /// <summary>The natural person, or null for a legal person.</summary>
    public PersonAttributes? Person { get; init; }

    /// <summary>The legal person's name, or null for a natural person.</summary>
    public string? LegalName { get; init; }

    /// <summary>The legal person's identifier (e.g. an organisation number), or null.</summary>
    public string? LegalPersonIdentifier { get; init; }

    /// <summary>A natural person.</summary>
    public static RepresentedParty NaturalPerson(PersonAttributes person) => new() { Person = person ?? throw new ArgumentNullException(nameof(person)) };

    /// <summary>A legal person.</summary>
    public static RepresentedParty LegalPerson(string legalName, string legalPersonIdentifier) => new()
    {
        LegalName = legalName ?? throw new ArgumentNullException(nameof(legalName)),
        LegalPersonIdentifier = legalPersonIdentifier ?? throw new ArgumentNullException(nameof(legalPersonIdentifier)),
    };

    /// <summary>The name, for the "A acts for B" statement.</summary>
    public override string ToString() => Person?.ToString() ?? $"{LegalName} ({LegalPersonIdentifier})";
}
