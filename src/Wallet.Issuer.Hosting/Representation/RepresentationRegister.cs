using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wallet.Core.Representation;
using Wallet.Core.Security;
using Wallet.Hosting;
using Wallet.Issuer.Options;
using Wallet.Issuer.Pid;
using Wallet.Issuer.Stores;
using Wallet.Issuer.Stores.Ef;

namespace Wallet.Issuer.Representation;

/// <summary>
/// The register's representation relations (issue 13 §1, §2): parental responsibility for the register's minors, powers
/// of attorney between adults, representation of legal persons. Rows of the issuer database next to the persons; the
/// attestation is made from a relation and the register's current data of both persons at every issuance.
/// </summary>
internal sealed class RepresentationRegister(IDbContextFactory<IssuerDbContext> factory, IIssuerDatabaseWrites writes, IAuthenticSource persons, IOptions<IssuerOptions> options, TimeProvider time)
{
    /// <summary>Who ended a relation, as stored and reported.</summary>
    public const string EndedByAgency = "agency";

    /// <summary>The represented person withdrew the power.</summary>
    public const string EndedByRepresented = "represented";

    public async ValueTask<RepresentationRelation?> FindAsync(string representationId, CancellationToken cancellationToken)
    {
        if (representationId.Length > 64)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entity = await db.Representations.AsNoTracking().FirstOrDefaultAsync(r => r.RepresentationId == representationId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToRelation(entity);
    }

    /// <summary>Registers a relation and returns it with the withdrawal code for the represented person (a natural person only).</summary>
    public async ValueTask<(RepresentationRelation Relation, string? WithdrawalCode)> AddAsync(RepresentationRelation relation, CancellationToken cancellationToken)
    {
        var code = relation.RepresentedPersonId is null ? null : RandomHandle.Create(16);
        var entity = ToEntity(relation, code is null ? null : SecretHash.Of(code), time.GetUtcNow());
        await writes.RunAsync(
            (db, ct) =>
            {
                db.Representations.Add(entity);
                return db.SaveChangesAsync(ct);
            },
            cancellationToken).ConfigureAwait(false);
        return (relation, code);
    }

    /// <summary>
    /// Ends the relation (<paramref name="endedBy"/>) and returns the attestations issued for it, for revocation; null when
    /// unknown. When <paramref name="withdrawalCode"/> is given it must be the relation's, compared as hashes in constant time.
    /// </summary>
    public async ValueTask<(bool Found, bool Authorized, IReadOnlyList<IssuedCredentialRecord> Issued)> EndAsync(string representationId, string endedBy, string? withdrawalCode, CancellationToken cancellationToken)
    {
        if (representationId.Length > 64)
        {
            return (false, false, []);
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var found = false;
        var authorized = false;
        await writes.RunAsync(
            async (db, ct) =>
            {
                var entity = await db.Representations.FirstOrDefaultAsync(r => r.RepresentationId == representationId, ct).ConfigureAwait(false);
                found = entity is not null;
                authorized = entity is not null && (withdrawalCode is null || (entity.WithdrawalCodeHash is { } hash && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(hash), SecretHash.Bytes(withdrawalCode))));
                if (entity is not null && authorized && entity.EndedAt is null)
                {
                    entity.EndedAt = now;
                    entity.EndedBy = endedBy;
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                }

                return 0;
            },
            cancellationToken).ConfigureAwait(false);
        if (!found || !authorized)
        {
            return (found, authorized, []);
        }

        await using var read = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var issued = await read.IssuedCredentials.AsNoTracking().Where(c => c.RepresentationId == representationId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return (true, true, [.. issued.Select(c => new IssuedCredentialRecord(c.CredentialId, c.OfferId, c.PersonId, c.ConfigurationId, c.StatusListUri, c.StatusIndex, DateTimeOffset.FromUnixTimeSeconds(c.IssuedAt), DateTimeOffset.FromUnixTimeSeconds(c.ExpiresAt)) { RepresentationId = representationId })]);
    }

    /// <summary>
    /// The attestation's content for <paramref name="relation"/> on <paramref name="today"/> from the register's current
    /// data of both persons, or the reason none may be issued.
    /// </summary>
    public async ValueTask<(PowerOfRepresentation? Power, string? Refusal)> AttestationAsync(RepresentationRelation relation, DateOnly today, CancellationToken cancellationToken)
    {
        if (relation.HasEnded)
        {
            return (null, $"The representation was ended by the {(relation.EndedBy == EndedByRepresented ? "represented person" : "agency")}.");
        }

        if (relation.EffectiveUntil is { } until && today > until)
        {
            return (null, $"The representation was effective until {until:yyyy-MM-dd}.");
        }

        var representative = await persons.FindAsync(relation.RepresentativePersonId, cancellationToken).ConfigureAwait(false);
        if (representative is null)
        {
            return (null, "The representative is no longer in the register.");
        }

        RepresentedParty represented;
        if (relation.RepresentedPersonId is { } representedId)
        {
            var person = await persons.FindAsync(representedId, cancellationToken).ConfigureAwait(false);
            if (person is null)
            {
                return (null, "The represented person is no longer in the register.");
            }

            represented = RepresentedParty.NaturalPerson(new PersonAttributes(person.FamilyName, person.GivenName, person.BirthDate));
        }
        else
        {
            represented = RepresentedParty.LegalPerson(relation.LegalName!, relation.LegalPersonIdentifier!);
        }

        var settings = options.Value;
        return (new PowerOfRepresentation
        {
            Nature = relation.Nature,
            Represented = represented,
            Representative = new PersonAttributes(representative.FamilyName, representative.GivenName, representative.BirthDate),
            FullPowers = relation.FullPowers,
            EServices = relation.EServices,
            EffectiveFrom = relation.EffectiveFrom,
            EffectiveUntil = relation.EffectiveUntil,
            IssuingAuthority = settings.IssuingAuthority,
            IssuingCountry = settings.IssuingCountry,
        }, null);
    }

    /// <summary>Seeds <see cref="SeedRelations"/> when the table is empty and the built-in register is the authentic source.</summary>
    public async ValueTask SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await db.Representations.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var now = time.GetUtcNow();
        db.Representations.AddRange(SeedRelations.Select(r => ToEntity(r, null, now)));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The built-in register's relations between its synthetic persons: Kari Nordmann's parental responsibility for her
    /// son Ola (until his 18th birthday), a power of attorney between two adults for the tax return, and an adult
    /// representing an invented company with full powers.
    /// </summary>
    public static IReadOnlyList<RepresentationRelation> SeedRelations { get; } =
    [
        new("kari-for-ola", RepresentationNatures.ParentalResponsibility, "kari-nordmann", "ola-minor", null, null, false, ["school-enrolment", "health-records"], new DateOnly(2014, 6, 30), new DateOnly(2032, 6, 29), null, null),
        new("amina-for-yusuf", RepresentationNatures.PowerOfAttorney, "amina-haddad", "yusuf-stateless", null, null, false, ["tax-return"], new DateOnly(2026, 1, 1), null, null, null),
        new("leila-for-nordlys", RepresentationNatures.LegalPersonRepresentation, "partial-birthdate", null, "Nordlys Fiskeri AS", "NO-999999999", true, [], new DateOnly(2020, 1, 1), null, null, null),
    ];

    private static RepresentationEntity ToEntity(RepresentationRelation r, string? withdrawalCodeHash, DateTimeOffset now) => new()
    {
        RepresentationId = r.RepresentationId,
        Nature = r.Nature,
        RepresentativePersonId = r.RepresentativePersonId,
        RepresentedPersonId = r.RepresentedPersonId,
        LegalName = r.LegalName,
        LegalPersonIdentifier = r.LegalPersonIdentifier,
        FullPowers = r.FullPowers,
        EServicesJson = JsonSerializer.Serialize(r.EServices),
        EffectiveFrom = r.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        EffectiveUntil = r.EffectiveUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        WithdrawalCodeHash = withdrawalCodeHash,
        CreatedAt = now.ToUnixTimeSeconds(),
    };

    private static RepresentationRelation ToRelation(RepresentationEntity e) => new(
        e.RepresentationId,
        e.Nature,
        e.RepresentativePersonId,
        e.RepresentedPersonId,
        e.LegalName,
        e.LegalPersonIdentifier,
        e.FullPowers,
        StoredJson.Read<List<string>>(e.EServicesJson) ?? [],
        DateOnly.ParseExact(e.EffectiveFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        e.EffectiveUntil is null ? null : DateOnly.ParseExact(e.EffectiveUntil, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        e.EndedAt is { } ended ? DateTimeOffset.FromUnixTimeSeconds(ended) : null,
        e.EndedBy);
}
