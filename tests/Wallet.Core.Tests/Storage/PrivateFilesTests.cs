using System.Text;
using Wallet.Core.Storage;

namespace Wallet.Core.Tests.Storage;

/// <summary>Private files are 0600 in 0700 folders and are replaced whole: no reader ever sees a key cut short.</summary>
public sealed class PrivateFilesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "private-files-" + Guid.NewGuid().ToString("N"));

    public PrivateFilesTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_written_file_is_0600_and_the_folders_it_creates_are_0700()
    {
        var path = Path.Combine(_root, "a", "b", "key.pem");

        PrivateFiles.WriteAllText(path, "secret");

        File.ReadAllText(path).Should().Be("secret");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.GetUnixFileMode(Path.Combine(_root, "a")).Should().Be(PrivateFiles.DirectoryMode);
            File.GetUnixFileMode(Path.Combine(_root, "a", "b")).Should().Be(PrivateFiles.DirectoryMode);
        }
    }

    [Fact]
    public void An_existing_folder_is_tightened_to_0700_but_a_shared_sticky_folder_like_tmp_is_left_as_it_is()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var open = Path.Combine(_root, "open");
        var shared = Path.Combine(_root, "shared");
        const UnixFileMode everyone = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        Directory.CreateDirectory(open);
        File.SetUnixFileMode(open, everyone);
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, everyone | UnixFileMode.StickyBit);

        PrivateFiles.CreateDirectory(open);
        PrivateFiles.CreateDirectory(shared);

        File.GetUnixFileMode(open).Should().Be(PrivateFiles.DirectoryMode);
        File.GetUnixFileMode(shared).Should().Be(everyone | UnixFileMode.StickyBit, "making /tmp 0700 would lock every other user of the machine out of it");
    }

    [Fact]
    public void A_world_readable_file_that_is_replaced_becomes_0600()
    {
        var path = Path.Combine(_root, "key.pem");
        File.WriteAllText(path, "old and longer than the new one");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        PrivateFiles.WriteAllText(path, "new");

        File.ReadAllText(path).Should().Be("new");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).Should().Be(PrivateFiles.FileMode);
        }
    }

    [Fact]
    public void Writing_leaves_no_temporary_file_behind()
    {
        var path = Path.Combine(_root, "key.pem");

        PrivateFiles.WriteAllText(path, "one");
        PrivateFiles.WriteAllText(path, "two");

        Directory.GetFiles(_root).Should().Equal(path);
    }

    [Fact]
    public void A_write_that_fails_leaves_what_was_there_and_no_temporary_file()
    {
        // The target is a folder: the rename fails after the new content was written in full.
        var path = Path.Combine(_root, "key.pem");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "inside"), "kept");

        var write = () => PrivateFiles.WriteAllText(path, "new");

        write.Should().Throw<Exception>().Which.Should().Match(e => e is IOException || e is UnauthorizedAccessException);
        Directory.GetFiles(_root).Should().BeEmpty();
        File.ReadAllText(Path.Combine(path, "inside")).Should().Be("kept");
    }

    [Fact]
    public async Task A_reader_sees_the_earlier_file_or_the_new_one_never_a_part()
    {
        // Truncate-then-write shows a reader an empty or half-written file; rename over the old file never does.
        var path = Path.Combine(_root, "key.pem");
        var contents = new[] { new string('a', 256 * 1024), new string('b', 256 * 1024) };
        PrivateFiles.WriteAllText(path, contents[0]);
        using var done = new CancellationTokenSource();
        var torn = new List<int>();

        var reader = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                var text = File.ReadAllText(path, Encoding.UTF8);
                if (!contents.Contains(text))
                {
                    torn.Add(text.Length);
                }
            }
        });

        for (var i = 0; i < 200; i++)
        {
            PrivateFiles.WriteAllText(path, contents[i % 2]);
        }

        await done.CancelAsync();
        await reader;
        torn.Should().BeEmpty();
    }
}
