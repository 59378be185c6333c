namespace Meridian.Azurite;

/// <summary>
/// The storage emulator's well-known account. Its key is published in Microsoft's documentation and
/// is the same in every Azurite: it is not a secret, and it opens nothing but a local emulator.
/// </summary>
public static class DevelopmentStorage
{
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>
    /// A connection string naming only the Blob endpoint: this Azurite runs no Queue or Table service,
    /// and <c>UseDevelopmentStorage=true</c> would point at the default ports instead of ours.
    /// </summary>
    public static string ConnectionString(Uri blobEndpoint)
    {
        ArgumentNullException.ThrowIfNull(blobEndpoint);
        return $"DefaultEndpointsProtocol={blobEndpoint.Scheme};AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={blobEndpoint.AbsoluteUri};";
    }
}
