// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.Sockets;

namespace ItaServerless.Notifications.Channels;

/// <summary>
/// The HTTP client of the organizations' webhooks. An editor chooses the URL, so it must not reach
/// what only the app can reach: the name is resolved at connect time (not only when it was saved, which
/// DNS can change) and only public addresses are dialled; redirects are not followed.
/// <see cref="WebhookOptions.AllowLocalTargets"/> lifts the address rule for development and tests.
/// </summary>
public static class WebhookHttp
{
    public static HttpClient Create(WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseProxy = false,
        };
        if (!options.AllowLocalTargets) handler.ConnectCallback = ConnectPubliclyAsync;
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static async ValueTask<Stream> ConnectPubliclyAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? new[] { literal } : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(IsPublic).ToArray();
        if (allowed.Length == 0 || allowed.Length != addresses.Length)
            throw new WebhookTargetRefusedException($"{host} resolves to an address that is not public.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether an address is on the public internet: not loopback, private, link-local (cloud metadata), shared, reserved or multicast.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None)) return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes6 = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal ||
                     (bytes6[0] == 0x20 && bytes6[1] == 0x01 && bytes6[2] == 0x0d && bytes6[3] == 0xb8)); // 2001:db8::/32 documentation
        }

        var b = address.GetAddressBytes();
        return !(b[0] is 0 or 10 or 127 or >= 224 ||
                 (b[0] == 100 && b[1] is >= 64 and <= 127) ||   // shared address space (carrier NAT)
                 (b[0] == 169 && b[1] == 254) ||                // link-local, cloud metadata 169.254.169.254
                 (b[0] == 172 && b[1] is >= 16 and <= 31) ||
                 (b[0] == 192 && b[1] == 168) ||
                 (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2) ||   // IETF protocol assignments, documentation
                 (b[0] == 198 && b[1] is 18 or 19) ||             // benchmarking
                 (b[0] == 198 && b[1] == 51 && b[2] == 100) || (b[0] == 203 && b[1] == 0 && b[2] == 113));
    }
}

/// <summary>A webhook URL that leads somewhere the app must not call.</summary>
public sealed class WebhookTargetRefusedException(string message) : IOException(message);
