using System.Globalization;
using Meridian.Local.Processes;

namespace Meridian.Local.Azurite;

/// <summary>The loopback ports of Azurite's three services, each free a moment ago and none the same.</summary>
internal sealed record AzuritePorts(int Blob, int Queue, int Table)
{
    public static AzuritePorts PickFree()
    {
        var picked = new HashSet<int>();
        while (picked.Count < 3)
        {
            // The kernel may hand out a port it just gave: ask again rather than run two services on one.
            picked.Add(LoopbackPort.PickFree());
        }

        var ports = picked.ToArray();
        return new AzuritePorts(ports[0], ports[1], ports[2]);
    }

    public Uri BlobEndpoint => Endpoint(Blob);

    public Uri QueueEndpoint => Endpoint(Queue);

    public Uri TableEndpoint => Endpoint(Table);

    /// <summary>Path-style, as Azurite serves the well-known account: <c>http://127.0.0.1:{port}/devstoreaccount1</c>.</summary>
    private static Uri Endpoint(int port) =>
        new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/{DevelopmentStorage.AccountName}"));
}
