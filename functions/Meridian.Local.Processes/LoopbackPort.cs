using System.Net;
using System.Net.Sockets;

namespace Meridian.Local.Processes;

/// <summary>
/// A port on 127.0.0.1 that was free a moment ago: for servers that cannot pick one themselves and
/// report it (Azurite), and for addresses where nothing listens. Another process may take it in
/// between, so a server started on it must handle "address in use".
/// </summary>
public static class LoopbackPort
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
