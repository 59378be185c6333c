namespace Meridian.Local.Hosting;

/// <summary>
/// Gives one host at a time the data folder: two would run two Azurites on one store and two engines
/// on one task hub. The operating system drops the lock when its process dies, even by SIGKILL, so a
/// host that crashed never blocks the next one; what it left running is cleaned up by that next one.
/// </summary>
internal sealed class DataFolderLock : IDisposable
{
    public const string FileName = "host.lock";

    private readonly FileStream file;

    private DataFolderLock(FileStream file) => this.file = file;

    /// <returns>The lock, or null when another live host holds the folder.</returns>
    public static DataFolderLock? TryAcquire(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Linux and macOS, a share lock on Windows.
            return new DataFolderLock(new FileStream(Path.Combine(dataDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => file.Dispose();
}
