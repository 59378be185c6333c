using Meridian.Local.Processes;

namespace Meridian.Local.Azurite;

/// <summary>Azurite's <c>--location</c>: a temporary folder this library made and deletes, or the caller's, which it keeps.</summary>
internal sealed class DataFolder
{
    /// <summary>Beside Azurite's own files, which it never lists: where its process group is recorded.</summary>
    private const string ProcessGroupsFolder = "meridian-process-groups";

    private DataFolder(string path, bool isTemporary)
    {
        Path = path;
        IsTemporary = isTemporary;
        ProcessGroups = isTemporary ? null : new LeftoverProcessGroups(System.IO.Path.Combine(path, ProcessGroupsFolder));
    }

    public string Path { get; }

    /// <summary>Made for this server: nothing in it outlives the server, so it needs no graceful stop either.</summary>
    public bool IsTemporary { get; }

    /// <summary>
    /// Where a kept folder records the Azurite running on it: one left running by a host killed with
    /// SIGKILL is found and killed before another starts (two on one folder corrupt it). Null for a
    /// temporary folder, which no later host opens.
    /// </summary>
    public LeftoverProcessGroups? ProcessGroups { get; }

    public static DataFolder Open(string? path) =>
        path is null
            ? new DataFolder(Directory.CreateTempSubdirectory("meridian-azurite-").FullName, isTemporary: true)
            : new DataFolder(Directory.CreateDirectory(path).FullName, isTemporary: false);

    /// <summary>Deletes the folder if this library made it; call once Azurite has exited.</summary>
    public void DeleteIfTemporary()
    {
        if (!IsTemporary)
        {
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
