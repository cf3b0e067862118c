// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.Sockets;

namespace ItaServerless.FunctionsHost.Grpc;

/// <summary>
/// The host's gRPC endpoint: a loopback socket bound and listening from construction, so a worker
/// started before the server may connect at once (the kernel queues it until Kestrel accepts),
/// and no other process can take the port between choosing and binding it.
/// </summary>
public sealed class GrpcEndpoint : IDisposable
{
    private Socket? _socket;

    public GrpcEndpoint()
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.Listen(64);
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public Uri Uri => new($"http://127.0.0.1:{Port}/");

    /// <summary>The listening socket, handed to Kestrel once (SocketTransportOptions.CreateBoundListenSocket).</summary>
    public Socket TakeSocket() => Interlocked.Exchange(ref _socket, null) ?? throw new InvalidOperationException("The gRPC socket was already taken.");

    public void Dispose() => _socket?.Dispose();
}
