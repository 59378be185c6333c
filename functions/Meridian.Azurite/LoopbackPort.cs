using System.Net;
using System.Net.Sockets;

namespace Meridian.Azurite;

/// <summary>
/// A port that was free a moment ago. Azurite cannot be told to pick one and report it, so the port is
/// found by binding port 0 and releasing it; another process may take it in between, which is why the
/// server retries on "address in use".
/// </summary>
internal static class LoopbackPort
{
    public static int PickFree()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
