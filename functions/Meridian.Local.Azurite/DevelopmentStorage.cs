namespace Meridian.Local.Azurite;

/// <summary>
/// The storage emulator's well-known account. Its key is published in Microsoft's documentation and
/// is the same in every Azurite: it is not a secret, and it opens nothing but a local emulator.
/// </summary>
public static class DevelopmentStorage
{
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>
    /// A connection string naming the three endpoints: <c>UseDevelopmentStorage=true</c> would point at
    /// Azurite's default ports instead of the ones this Azurite was given.
    /// </summary>
    public static string ConnectionString(Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint)
    {
        ArgumentNullException.ThrowIfNull(blobEndpoint);
        ArgumentNullException.ThrowIfNull(queueEndpoint);
        ArgumentNullException.ThrowIfNull(tableEndpoint);
        return $"DefaultEndpointsProtocol={blobEndpoint.Scheme};AccountName={AccountName};AccountKey={AccountKey};"
            + $"BlobEndpoint={blobEndpoint.AbsoluteUri};QueueEndpoint={queueEndpoint.AbsoluteUri};TableEndpoint={tableEndpoint.AbsoluteUri};";
    }
}
