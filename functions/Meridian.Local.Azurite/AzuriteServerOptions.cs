namespace Meridian.Local.Azurite;

/// <summary>Where Azurite is installed and where it keeps its data.</summary>
public sealed class AzuriteServerOptions
{
    /// <summary>
    /// The folder holding <c>node_modules/azurite</c>. The repository pins Azurite in
    /// <c>worker/package.json</c>, so callers pass <c>&lt;repository&gt;/worker</c> after
    /// <c>npm ci --prefix worker</c>.
    /// </summary>
    public required string NodeModulesDirectory { get; init; }

    /// <summary>
    /// Where Azurite keeps blobs, queue messages, tables and its metadata (its <c>--location</c>). Null: a fresh temporary
    /// folder, deleted on dispose, so a test starts empty and leaves nothing behind. A folder given
    /// here is kept, and Azurite is stopped gracefully so its metadata is saved. While Azurite runs on it,
    /// its process is recorded in the folder's <c>meridian-process-groups</c>, so that the next start can
    /// kill an Azurite whose host was killed before it could stop it.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// Keeps everything in memory only (<c>--inMemoryPersistence</c>): nothing survives the process, and Azurite
    /// stops rewriting its whole metadata file as it grows, which makes a run that stores a hundred
    /// thousand blobs (the scheduler benchmark) hours shorter. Not with <see cref="DataDirectory"/>.
    /// </summary>
    public bool InMemory { get; init; }

    /// <summary>How long Azurite may take to answer on its Blob, Queue and Table endpoints; node's start is most of it.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
