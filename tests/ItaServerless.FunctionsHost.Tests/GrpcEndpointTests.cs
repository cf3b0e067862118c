// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.Sockets;
using ItaServerless.FunctionsHost.Grpc;

namespace ItaServerless.FunctionsHost.Tests;

public sealed class GrpcEndpointTests
{
    [Fact]
    public async Task A_worker_can_connect_before_the_server_starts_and_is_accepted_later()
    {
        using var endpoint = new GrpcEndpoint();
        using var worker = new TcpClient();

        // The kernel queues the connection: the worker started early does not fail or retry.
        await worker.ConnectAsync(IPAddress.Loopback, endpoint.Port).WaitAsync(TimeSpan.FromSeconds(5));
        await worker.GetStream().WriteAsync("PRI * HTTP/2.0"u8.ToArray());

        using var server = endpoint.TakeSocket();
        using var accepted = await server.AcceptAsync().WaitAsync(TimeSpan.FromSeconds(5));
        var buffer = new byte[14];
        var read = 0;
        while (read < buffer.Length) read += await accepted.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None);
        Assert.Equal("PRI * HTTP/2.0", System.Text.Encoding.ASCII.GetString(buffer));
        Assert.Throws<InvalidOperationException>(() => endpoint.TakeSocket());
    }

    [Fact]
    public void The_port_is_held_from_construction_so_no_one_else_binds_it()
    {
        using var endpoint = new GrpcEndpoint();
        using var other = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        var error = Assert.Throws<SocketException>(() => other.Bind(new IPEndPoint(IPAddress.Loopback, endpoint.Port)));
        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
    }
}
