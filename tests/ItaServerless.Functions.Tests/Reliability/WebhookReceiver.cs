// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ItaServerless.Functions.Tests.Reliability;

/// <summary>
/// A chat webhook on 127.0.0.1 that counts the reminders it acknowledged (2xx) per reminder key.
/// While <see cref="Holding"/> it answers nothing, so a sender killed meanwhile never saw its
/// delivery succeed: the reminder must come again, and only then count once.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/hook/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public volatile bool Holding = true;

    /// <summary>Keys received while holding (never acknowledged).</summary>
    public ConcurrentBag<string> Held { get; } = new();

    /// <summary>Acknowledged deliveries per reminder key.</summary>
    public ConcurrentDictionary<string, int> Acknowledged { get; } = new();

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream);
        var key = JsonNode.Parse(await reader.ReadToEndAsync())?["key"]?.GetValue<string>() ?? "?";
        if (Holding)
        {
            Held.Add(key);
            return; // the connection stays open until the sender dies
        }
        Acknowledged.AddOrUpdate(key, 1, (_, n) => n + 1);
        context.Response.StatusCode = 200;
        context.Response.Close();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try { _loop.Wait(5000); } catch (AggregateException) { }
        _stop.Dispose();
    }
}
