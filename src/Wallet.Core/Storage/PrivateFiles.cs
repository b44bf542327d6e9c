using System.Runtime.Versioning;
using System.Text;
using Wallet.Core.Security;

namespace Wallet.Core.Storage;

/// <summary>
/// Creates files and folders that only their owner can read: private keys, SQLite databases and the folders holding
/// them (0600 files in 0700 folders on Unix). Every place that writes a key or opens a database goes through here, so
/// none of them can forget the mode.
/// </summary>
/// <remarks>
/// Modes are given at creation (<see cref="FileStreamOptions.UnixCreateMode"/>), never set after the content is written, so there is no
/// moment in which a key is readable by others. A file or folder that already exists is tightened too: a data folder
/// from an earlier version keeps no world-readable database. On Windows files inherit the ACL of their folder, which
/// is private to the user under the profile; nothing is changed there.
/// </remarks>
public static class PrivateFiles
{
    /// <summary>The mode of a private file: read and write for the owner only (0600).</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The mode of a private folder: read, write and enter for the owner only (0700).</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // SQLite's companions of a database file: rollback journal, write-ahead log and its shared-memory index.
    private static readonly string[] SqliteCompanionSuffixes = ["-journal", "-wal", "-shm"];

    /// <summary>
    /// Creates <paramref name="path"/> and any missing parent as private folders (0700), and tightens the folder
    /// itself to 0700 when it already exists, unless it is a shared sticky folder such as <c>/tmp</c>. For a folder the
    /// application owns: a data folder, a key folder.
    /// </summary>
    /// <param name="path">The folder.</param>
    public static void CreateDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        var existed = Directory.Exists(path);
        CreateMissing(path);

        // A shared sticky folder (/tmp) named as a data folder by mistake stays as it is: making it 0700 would lock every
        // other user of the machine out of it. What we create inside is still private.
        if (existed && (File.GetUnixFileMode(path) & UnixFileMode.StickyBit) == 0)
        {
            try
            {
                Tighten(path, DirectoryMode);
            }
            catch (UnauthorizedAccessException)
            {
                // A folder owned by someone else (a mounted volume) keeps the mode its owner gave it; what we create
                // inside is still private.
            }
        }
    }

    /// <summary>
    /// Creates the missing folders above <paramref name="filePath"/> as private folders (0700) and leaves existing ones
    /// as they are. For a file the user names (<c>--out ~/holder.jwk</c>), whose folder is not ours to change.
    /// </summary>
    /// <param name="filePath">The file whose folder must exist.</param>
    public static void CreateParentDirectory(string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(filePath));
        if (directory is null || Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            CreateMissing(directory);
        }
    }

    /// <summary>
    /// Writes <paramref name="contents"/> (UTF-8) to a file readable and writable by its owner only (0600), replacing
    /// any earlier file. Missing folders are created 0700.
    /// </summary>
    /// <remarks>
    /// The text goes to a new private file beside <paramref name="path"/>, is flushed to disk, and then renamed over
    /// <paramref name="path"/>: a reader, or a process started after a crash, finds the earlier file or the new one,
    /// never a key cut short. When anything fails the earlier file is left as it was and the temporary file removed.
    /// </remarks>
    /// <param name="path">The file.</param>
    /// <param name="contents">The text, e.g. a PEM or JWK private key.</param>
    public static void WriteAllText(string path, string contents)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(contents);
        var fullPath = Path.GetFullPath(path);
        CreateParentDirectory(fullPath);

        // In the same folder, so the rename stays on one file system and is atomic (rename(2)); hidden and unique, so
        // it is neither taken for a key nor shared by two writers.
        var temporary = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{RandomHandle.Create(RandomHandle.MinimumBytes)}.tmp");
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.UTF8.GetBytes(contents));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            DeleteIfPresent(temporary);
            throw;
        }
    }

    /// <summary>
    /// Makes a SQLite database private before it is opened: its folder 0700 and the database file created empty with
    /// 0600 (an empty file is an empty database to SQLite). SQLite creates its <c>-journal</c>, <c>-wal</c> and
    /// <c>-shm</c> files with the mode of the database file, so they are private too; existing ones are tightened.
    /// </summary>
    /// <param name="databasePath">The database file, e.g. <c>data/issuer.db</c>.</param>
    public static void PrepareSqliteDatabase(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (directory is not null)
        {
            CreateDirectory(directory);
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(databasePath))
        {
            try
            {
                using var created = new FileStream(databasePath, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
            }
            catch (IOException) when (File.Exists(databasePath))
            {
                // Created at the same moment by another opener; tightened below like any existing file.
            }
        }

        Tighten(databasePath, FileMode);
        foreach (var suffix in SqliteCompanionSuffixes)
        {
            if (File.Exists(databasePath + suffix))
            {
                Tighten(databasePath + suffix, FileMode);
            }
        }
    }

    // Best effort while another exception is on its way out, which must not be replaced by this one.
    private static void DeleteIfPresent(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    // Directory.CreateDirectory(path, mode) gives the mode to the last folder only; missing parents would get 0755.
    [UnsupportedOSPlatform("windows")]
    private static void CreateMissing(string path)
    {
        var missing = new Stack<string>();
        for (var current = Path.GetFullPath(path); current is not null && !Directory.Exists(current); current = Path.GetDirectoryName(current))
        {
            missing.Push(current);
        }

        while (missing.TryPop(out var folder))
        {
            Directory.CreateDirectory(folder, DirectoryMode);
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static void Tighten(string path, UnixFileMode mode)
    {
        if ((File.GetUnixFileMode(path) & ~mode) != 0)
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) & mode);
        }
    }
}
