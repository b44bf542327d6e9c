using Microsoft.Extensions.Time.Testing;
using Wallet.Core.StatusList;
using Wallet.Core.Tests.TestSupport;

namespace Wallet.Core.Tests.StatusList;

public sealed class StatusListIssuerTests : IDisposable
{
    private const long Now = 1_700_000_000;
    private static readonly Uri ListUri = new("https://example.com/statuslists/1");

    private readonly StatusListTokenTests.TestPki pki = StatusListTokenTests.TestPki.Create();
    private readonly FakeTimeProvider clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now + 60));
    private readonly InMemoryStatusListStore store = new();

    public void Dispose() => pki.Dispose();

    [Fact]
    public async Task Allocated_entry_starts_valid_and_its_revocation_shows_in_the_signed_list_draft_ietf_oauth_status_list_7()
    {
        var issuer = Issuer();
        await issuer.CreateListAsync(ListUri, 2, 1024);
        var allocation = await issuer.AllocateAsync(ListUri);
        allocation.Succeeded.Should().BeTrue();
        var reference = allocation.Reference!;

        var before = Verify(await issuer.CreateJwtAsync(ListUri));
        (await issuer.SetStatusAsync(reference, TokenStatus.Invalid)).Succeeded.Should().BeTrue();
        var after = Verify(await issuer.CreateJwtAsync(ListUri));

        reference.Uri.Should().Be(ListUri);
        before.StatusList.GetStatus(reference.Index).Should().Be((byte)TokenStatus.Valid);
        after.StatusList.GetStatus(reference.Index).Should().Be((byte)TokenStatus.Invalid);
    }

    [Fact]
    public async Task Signed_token_carries_sub_iat_exp_and_ttl_draft_ietf_oauth_status_list_5_1()
    {
        var issuer = Issuer(new StatusListIssuerOptions { TimeToLive = TimeSpan.FromMinutes(30), Validity = TimeSpan.FromHours(6), Issuer = "https://example.com" });
        await issuer.CreateListAsync(ListUri, 1, 64);

        var token = Verify(await issuer.CreateJwtAsync(ListUri));

        token.Subject.Should().Be(ListUri);
        token.IssuedAt.Should().Be(clock.GetUtcNow());
        token.ExpiresAt.Should().Be(clock.GetUtcNow().AddHours(6));
        token.TimeToLive.Should().Be(TimeSpan.FromMinutes(30));
        token.Issuer.Should().Be("https://example.com");
    }

    [Fact]
    public async Task Signed_cwt_verifies_draft_ietf_oauth_status_list_5_2()
    {
        var issuer = Issuer();
        await issuer.CreateListAsync(ListUri, 1, 64);

        var result = pki.Verifier(Now + 60).VerifyCwt((await issuer.CreateCwtAsync(ListUri))!, ListUri);

        result.IsValid.Should().BeTrue(string.Join("; ", result.Errors));
    }

    [Fact]
    public async Task Suspension_can_be_lifted_draft_ietf_oauth_status_list_7()
    {
        var issuer = Issuer();
        await issuer.CreateListAsync(ListUri, 2, 64);
        var reference = (await issuer.AllocateAsync(ListUri)).Reference!;

        (await issuer.SetStatusAsync(reference, TokenStatus.Suspended)).Succeeded.Should().BeTrue();
        (await issuer.SetStatusAsync(reference, TokenStatus.Valid)).Succeeded.Should().BeTrue();

        Verify(await issuer.CreateJwtAsync(ListUri)).StatusList.GetStatus(reference.Index).Should().Be(0);
    }

    [Theory]
    [InlineData(TokenStatus.Valid)]
    [InlineData(TokenStatus.Suspended)]
    public async Task Revocation_is_irreversible_draft_ietf_oauth_status_list_7(TokenStatus next)
    {
        var issuer = Issuer();
        await issuer.CreateListAsync(ListUri, 2, 64);
        var reference = (await issuer.AllocateAsync(ListUri)).Reference!;
        await issuer.SetStatusAsync(reference, TokenStatus.Invalid);

        var result = await issuer.SetStatusAsync(reference, next);

        result.Error!.Code.Should().Be(StatusListErrorCodes.Irreversible);
    }

    [Fact]
    public async Task Full_list_refuses_further_allocation_draft_ietf_oauth_status_list_13_3()
    {
        var issuer = Issuer();
        await issuer.CreateListAsync(ListUri, 8, 3);
        var indices = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            indices.Add((await issuer.AllocateAsync(ListUri)).Reference!.Index);
        }

        var result = await issuer.AllocateAsync(ListUri);

        indices.Should().BeEquivalentTo([0, 1, 2]);
        result.Error!.Code.Should().Be(StatusListErrorCodes.ListFull);
    }

    [Fact]
    public async Task A_block_allocation_takes_distinct_entries_in_one_update_and_fewer_when_fewer_are_free_draft_ietf_oauth_status_list_13_3()
    {
        var issuer = Issuer();
        await issuer.CreateListAsync(ListUri, 8, 5);
        var single = (await issuer.AllocateAsync(ListUri)).Reference!.Index;
        var versionBefore = (await store.FindAsync(ListUri))!.Version;

        var (block, error) = await issuer.AllocateManyAsync(ListUri, 3);
        var versionAfter = (await store.FindAsync(ListUri))!.Version;
        var (rest, restError) = await issuer.AllocateManyAsync(ListUri, 3);
        var (none, fullError) = await issuer.AllocateManyAsync(ListUri, 1);

        error.Should().BeNull();
        versionAfter.Should().Be(versionBefore + 1, "three entries are one update of the stored list");
        block.Should().HaveCount(3).And.OnlyContain(r => r.Uri == ListUri);
        restError.Should().BeNull();
        rest.Should().ContainSingle("only one of the five entries was left");
        block.Select(r => r.Index).Concat(rest.Select(r => r.Index)).Append(single).Should().BeEquivalentTo([0, 1, 2, 3, 4]);
        none.Should().BeEmpty();
        fullError!.Code.Should().Be(StatusListErrorCodes.ListFull);
    }

    [Fact]
    public async Task A_block_allocation_on_an_unknown_list_is_refused()
    {
        var (references, error) = await Issuer().AllocateManyAsync(new Uri("https://example.com/statuslists/none"), 4);

        references.Should().BeEmpty();
        error!.Code.Should().Be(StatusListErrorCodes.UnknownList);
    }

    [Fact]
    public async Task Concurrent_allocations_never_share_an_index_draft_ietf_oauth_status_list_13_3()
    {
        var issuer = Issuer(new StatusListIssuerOptions { MaxUpdateAttempts = 1000 });
        await issuer.CreateListAsync(ListUri, 1, 256);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () => await issuer.AllocateAsync(ListUri))));

        results.Should().OnlyContain(r => r.Succeeded);
        results.Select(r => r.Reference!.Index).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Status_of_an_unallocated_index_cannot_be_set()
    {
        var issuer = Issuer();
        await issuer.CreateListAsync(ListUri, 1, 64);

        var result = await issuer.SetStatusAsync(new StatusListReference(5, ListUri), TokenStatus.Invalid);

        result.Error!.Code.Should().Be(StatusListErrorCodes.IndexNotAllocated);
    }

    [Fact]
    public async Task Status_wider_than_the_list_bits_is_refused()
    {
        var issuer = Issuer();
        await issuer.CreateListAsync(ListUri, 1, 64);
        var reference = (await issuer.AllocateAsync(ListUri)).Reference!;

        var result = await issuer.SetStatusAsync(reference, TokenStatus.Suspended);

        result.Error!.Code.Should().Be(StatusListErrorCodes.StatusOutOfRange);
    }

    [Fact]
    public async Task Index_outside_the_list_is_refused()
    {
        var issuer = Issuer();
        await issuer.CreateListAsync(ListUri, 1, 64);

        var result = await issuer.SetStatusAsync(new StatusListReference(64, ListUri), TokenStatus.Invalid);

        result.Error!.Code.Should().Be(StatusListErrorCodes.IndexOutOfRange);
    }

    [Fact]
    public async Task Unknown_list_is_reported()
    {
        var issuer = Issuer();
        var other = new Uri("https://example.com/statuslists/9");

        (await issuer.AllocateAsync(other)).Error!.Code.Should().Be(StatusListErrorCodes.UnknownList);
        (await issuer.SetStatusAsync(new StatusListReference(0, other), TokenStatus.Invalid)).Error!.Code.Should().Be(StatusListErrorCodes.UnknownList);
        (await issuer.CreateJwtAsync(other)).Should().BeNull();
    }

    [Fact]
    public async Task A_list_uri_can_be_created_only_once()
    {
        var issuer = Issuer();

        (await issuer.CreateListAsync(ListUri, 1, 64)).Should().BeTrue();
        (await issuer.CreateListAsync(ListUri, 1, 64)).Should().BeFalse();
    }

    [Fact]
    public async Task Store_refuses_a_replacement_based_on_a_stale_version()
    {
        await Issuer().CreateListAsync(ListUri, 1, 64);
        var record = (await store.FindAsync(ListUri))!;
        var next = new StatusListRecord(ListUri, record.Statuses, record.AllocationBitmap, record.Version + 1);

        (await store.TryReplaceAsync(next, record.Version)).Should().BeTrue();
        (await store.TryReplaceAsync(next, record.Version)).Should().BeFalse();
    }

    private StatusListIssuer Issuer(StatusListIssuerOptions? options = null) => new(store, pki.SigningKey, clock, options);

    private StatusListToken Verify(string? jwt)
    {
        jwt.Should().NotBeNull();
        var result = pki.Verifier(Now + 60).VerifyJwt(jwt!, ListUri);
        result.IsValid.Should().BeTrue(string.Join("; ", result.Errors));
        return result.Token!;
    }
}
