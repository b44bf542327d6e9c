using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.Jose;
using Wallet.Issuer.Options;
using Wallet.Issuer.Pid;
using Wallet.Issuer.Stores.Ef;

namespace Wallet.Issuer.Tests;

/// <summary>The built-in register: the <c>Persons</c> table of the issuer's SQLite database, seeded once.</summary>
public sealed class PersonRegisterTests : IssuerTestBase
{
    private SqlitePersonRegister Register => (SqlitePersonRegister)Factory.Services.GetRequiredService<IAuthenticSource>();

    private IDbContextFactory<IssuerDbContext> Database => Factory.Services.GetRequiredService<IDbContextFactory<IssuerDbContext>>();

    [Fact]
    public async Task Register_is_seeded_with_the_synthetic_persons_and_keeps_their_register_data()
    {
        var options = new IssuerOptions();
        var seed = SqlitePersonRegister.SeedPersons(options.IssuingAuthority, options.IssuingCountry);

        var listed = await Register.ListAsync();

        listed.Should().BeEquivalentTo(seed);
        listed.Single(p => p.PersonId == "partial-birthdate").BirthDate.Should().Be(new RegisterBirthDate(1969), "the register keeps the precision it recorded");
    }

    [Fact]
    public async Task Restart_neither_duplicates_nor_overwrites_the_register()
    {
        var clock = IssuerFactory.NewClock();
        string dataDirectory;
        using (var first = new IssuerFactory(clock: clock) { DeleteDataDirectory = false })
        {
            dataDirectory = first.DataDirectory;
            var database = first.Services.GetRequiredService<IDbContextFactory<IssuerDbContext>>();
            await using var db = await database.CreateDbContextAsync();
            (await db.Persons.CountAsync()).Should().Be(6);
            await db.Persons.Where(p => p.PersonId == "ola-minor").ExecuteUpdateAsync(s => s.SetProperty(p => p.GivenName, "Olav"));
        }

        using var second = new IssuerFactory(dataDirectory, clock: clock) { DeleteDataDirectory = true };
        var register = (SqlitePersonRegister)second.Services.GetRequiredService<IAuthenticSource>();

        (await register.SeedIfEmptyAsync()).Should().BeFalse("the table already holds the register");
        var persons = await register.ListAsync();
        persons.Should().HaveCount(6);
        persons.Single(p => p.PersonId == "ola-minor").Data.GivenName.Should().Be("Olav", "a restart does not reseed over edited rows");
    }

    [Fact]
    public async Task Person_changed_in_the_database_is_issued_with_the_changed_data_PID_RuleBook_3_1_2()
    {
        await using (var db = await Database.CreateDbContextAsync())
        {
            await db.Persons.Where(p => p.PersonId == "kari-nordmann").ExecuteUpdateAsync(s => s
                .SetProperty(p => p.FamilyName, "Nordmann-Berg")
                .SetProperty(p => p.BirthDay, (int?)null)
                .SetProperty(p => p.NationalitiesJson, """["NO","SE"]""")
                .SetProperty(p => p.PersonalAdministrativeNumber, (string?)null));
        }

        var wallet = await AuthorizedWalletAsync("kari-nordmann", [SdJwtConfiguration]);
        var holder = SigningKey.Generate();
        var credential = (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, [holder]))).Single();
        var result = await new CredentialVerification(Factory, Http).VerifySdJwtVcAsync(credential, holder);

        result.Errors.Should().BeEmpty();
        result.Claims!["family_name"]!.GetValue<string>().Should().Be("Nordmann-Berg");
        result.Claims["birthdate"]!.GetValue<string>().Should().Be("1985-04-01", "an unknown day is completed to the first of the month");
        result.Claims["nationalities"]!.ToJsonString().Should().Be("""["NO","SE"]""");
        result.Claims.ContainsKey("personal_administrative_number").Should().BeFalse();
    }

    [Fact]
    public async Task Unknown_person_is_not_found_and_an_offer_for_it_names_the_personId_field_RFC9457()
    {
        (await Register.FindAsync("nobody")).Should().BeNull();
        using var api = Factory.CreateApiClient();

        var response = await api.PostAsync("/api/offers", new StringContent("""{"personId":"nobody"}""", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["errors"]!["personId"]![0]!.GetValue<string>().Should().Be("No person with this identifier is known to the authentic source.");
    }

    [Fact]
    public async Task Development_login_lists_the_persons_of_the_register()
    {
        await using (var db = await Database.CreateDbContextAsync())
        {
            await db.Persons.Where(p => p.PersonId == "amina-haddad").ExecuteUpdateAsync(s => s.SetProperty(p => p.GivenName, "Aminata"));
        }

        var login = Factory.Services.GetRequiredService<Wallet.Issuer.Authentication.DevelopmentLogin>();
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = Factory.Services };
        using var body = new MemoryStream();
        context.Response.Body = body;

        await (await login.BeginAsync(context, "urn:ietf:params:oauth:request_uri:x", CancellationToken.None)).ExecuteAsync(context);

        var page = System.Text.Encoding.UTF8.GetString(body.ToArray());
        page.Should().Contain("Aminata Haddad", "the page lists the rows as they are now");
        foreach (var personId in new[] { "amina-haddad", "jonas-manual-check", "kari-nordmann", "ola-minor", "partial-birthdate", "yusuf-stateless" })
        {
            page.Should().Contain($"value=\"{personId}\"");
        }

        (await login.AuthenticateAsync("amina-haddad", CancellationToken.None)).Should().NotBeNull();
        (await login.AuthenticateAsync("nobody", CancellationToken.None)).Should().BeNull();
    }
}
