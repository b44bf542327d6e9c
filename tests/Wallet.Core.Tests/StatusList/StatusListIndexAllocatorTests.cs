using Wallet.Core.StatusList;

namespace Wallet.Core.Tests.StatusList;

public class StatusListIndexAllocatorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(1000)]
    public void Every_entry_is_handed_out_exactly_once_then_the_list_is_full_draft_ietf_oauth_status_list_13_3(int capacity)
    {
        var allocator = new StatusListIndexAllocator(capacity);
        var seen = new HashSet<int>();

        for (var i = 0; i < capacity; i++)
        {
            allocator.TryAllocate(out var index).Should().BeTrue();
            index.Should().BeInRange(0, capacity - 1);
            seen.Add(index).Should().BeTrue($"index {index} was handed out twice");
        }

        allocator.IsFull.Should().BeTrue();
        allocator.TryAllocate(out _).Should().BeFalse();
    }

    [Fact]
    public void Indices_are_not_handed_out_in_issuance_order_draft_ietf_oauth_status_list_13_2()
    {
        var allocator = new StatusListIndexAllocator(1 << 20);
        var indices = new List<int>();
        for (var i = 0; i < 100; i++)
        {
            allocator.TryAllocate(out var index);
            indices.Add(index);
        }

        // A sequential or merely increasing allocator would put 100 draws in order; random draws almost never are.
        indices.Should().NotBeInAscendingOrder();
        indices.Max().Should().BeGreaterThan(1000);
    }

    [Fact]
    public void Allocation_in_a_nearly_full_list_picks_only_free_entries()
    {
        var allocator = new StatusListIndexAllocator(4096);
        var bitmap = allocator.ToBitmap();
        Array.Fill(bitmap, (byte)0xFF);
        bitmap[100] = 0b1110_1111;
        bitmap[4000 / 8] = 0b0111_1111;
        var restored = StatusListIndexAllocator.FromBitmap(4096, bitmap);

        restored.TryAllocate(out var first).Should().BeTrue();
        restored.TryAllocate(out var second).Should().BeTrue();

        new[] { first, second }.Should().BeEquivalentTo([804, 4007]);
        restored.TryAllocate(out _).Should().BeFalse();
    }

    [Fact]
    public void Bitmap_round_trip_keeps_allocations()
    {
        var allocator = new StatusListIndexAllocator(77);
        allocator.TryAllocate(out var index);

        var restored = StatusListIndexAllocator.FromBitmap(77, allocator.ToBitmap());

        restored.IsAllocated(index).Should().BeTrue();
        restored.AllocatedCount.Should().Be(1);
    }

    [Fact]
    public void Bitmap_marking_entries_beyond_the_capacity_is_refused()
    {
        var act = () => StatusListIndexAllocator.FromBitmap(3, [0b0000_1000]);

        act.Should().Throw<ArgumentException>();
    }
}
