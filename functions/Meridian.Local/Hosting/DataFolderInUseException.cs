namespace Meridian.Local.Hosting;

/// <summary>Another local host (serve or audit) is running on the same data folder.</summary>
public sealed class DataFolderInUseException(string dataDirectory)
    : Exception($"Another Meridian host (serve or audit) is running with its data in {dataDirectory}. Stop it first.")
{
    public string DataDirectory { get; } = dataDirectory;
}
