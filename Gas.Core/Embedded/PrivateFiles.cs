namespace Gas.Core.Embedded;

/// <summary>
/// Folders and files that only the service's own account may read: data folders 0700, secrets and databases 0600.
/// Anyone else on the host who could read them could forge signed URLs and cookies or read other people's data.
/// On Windows the profile's ACLs apply instead.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FolderPermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FilePermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the folder (and any missing parents) 0700, and tightens it when an older version made it 0755.</summary>
    public static string CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return path;
        }

        var folder = Directory.CreateDirectory(path, FolderPermissions);
        // A shared folder such as /tmp (sticky) is never ours to tighten.
        if ((folder.UnixFileMode & Others) != 0 && (folder.UnixFileMode & UnixFileMode.StickyBit) == 0)
        {
            File.SetUnixFileMode(path, folder.UnixFileMode & ~Others);
        }

        return path;
    }

    /// <summary>Creates an empty file 0600 if none is there (SQLite then makes a database in it, and its journals alike); tightens an existing one.</summary>
    public static void CreateFile(string path)
    {
        CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (!File.Exists(path))
        {
            using var created = new FileStream(path, Options(FileMode.CreateNew));
        }

        Tighten(path);
    }

    /// <summary>Writes a secret to a new 0600 file (never readable by others, not even for a moment); false if the file exists.</summary>
    public static bool TryWriteNew(string path, string content)
    {
        CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            using var file = new FileStream(path, Options(FileMode.CreateNew));
            using var writer = new StreamWriter(file);
            writer.Write(content);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            Tighten(path);
            return false;
        }
    }

    /// <summary>Removes group and other access from a file an older version created.</summary>
    public static void Tighten(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & Others) != 0)
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) & ~Others);
        }
    }

    private static FileStreamOptions Options(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FilePermissions;
        }

        return options;
    }
}
