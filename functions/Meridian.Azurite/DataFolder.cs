namespace Meridian.Azurite;

/// <summary>Azurite's <c>--location</c>: a temporary folder this library made and deletes, or the caller's, which it keeps.</summary>
internal sealed class DataFolder
{
    private DataFolder(string path, bool isTemporary)
    {
        Path = path;
        IsTemporary = isTemporary;
    }

    public string Path { get; }

    /// <summary>Made for this server: nothing in it outlives the server, so it needs no graceful stop either.</summary>
    public bool IsTemporary { get; }

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
