// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.Sockets;

namespace ItaServerless.Testing;

public static class Ports
{
    /// <summary>A TCP port on the loopback that was free a moment ago (the OS picks it).</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
