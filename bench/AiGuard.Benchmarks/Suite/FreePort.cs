using System.Net;
using System.Net.Sockets;

namespace AiGuard.Benchmarks.Suite;

/// <summary>A TCP port on 127.0.0.1 that was free a moment ago, for a child process's listener.</summary>
internal static class FreePort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
