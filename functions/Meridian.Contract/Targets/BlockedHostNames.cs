namespace Meridian.Contract.Targets;

/// <summary>
/// Host names refused before any DNS lookup: names that by convention point inside a machine or a
/// private network, whatever a resolver answers today (DNS answers can change between our check
/// and Chrome's fetch; these names should never be audited at all).
/// </summary>
public static class BlockedHostNames
{
    private static readonly (string Suffix, string Reason)[] Suffixes =
    [
        ("localhost", "'localhost' names always mean this machine"),
        ("local", "'.local' names are multicast DNS names on the local network"),
        ("internal", "'.internal' names are private (Fly's private network, cloud metadata services)"),
        ("flycast", "'.flycast' names reach Fly apps through Fly's private proxy"),
    ];

    // GCP answers the bare "metadata" through its DNS search path.
    private const string MetadataShortName = "metadata";

    /// <summary>
    /// Lower case, without the trailing dots of a fully qualified name: "LocalHost." and
    /// "localhost" are the same host to a resolver, so they must be the same to the rules.
    /// </summary>
    public static string Normalize(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.TrimEnd('.').ToLowerInvariant();
    }

    /// <summary>Why <paramref name="host"/> may not be audited, or null if its name is acceptable.</summary>
    public static string? GetBlockReason(string host)
    {
        var name = Normalize(host);
        if (name == MetadataShortName)
        {
            return "'metadata' is the cloud metadata service's short name";
        }

        foreach (var (suffix, reason) in Suffixes)
        {
            // The suffix itself ("localhost", "internal") is blocked as well as every name under it.
            if (name == suffix || name.EndsWith("." + suffix, StringComparison.Ordinal))
            {
                return reason;
            }
        }

        return null;
    }
}
