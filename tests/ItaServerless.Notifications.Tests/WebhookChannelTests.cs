// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Text.Json;
using ItaServerless.Notifications.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ItaServerless.Notifications.Tests;

/// <summary>A real HTTP receiver (Kestrel on 127.0.0.1, a free port) with an accepting, a failing and a hanging hook.</summary>
public sealed class WebhookReceiver : IAsyncLifetime
{
    private WebApplication? _app;

    public ConcurrentQueue<(string ContentType, string? IdempotencyKey, string Body)> Received { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/ok", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            Received.Enqueue((request.ContentType ?? "", request.Headers["Idempotency-Key"].FirstOrDefault(), await reader.ReadToEndAsync()));
            return Results.NoContent();
        });
        _app.MapPost("/fail", () => Results.StatusCode(500));
        _app.MapPost("/elsewhere", () => Results.Redirect("/ok", permanent: false, preserveMethod: true));
        _app.MapPost("/hang", async (HttpContext context) => await Task.Delay(Timeout.Infinite, context.RequestAborted));
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.Single());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

public class WebhookChannelTests : IClassFixture<WebhookReceiver>
{
    private static readonly HttpClient Http = new();
    private readonly WebhookReceiver _receiver;

    public WebhookChannelTests(WebhookReceiver receiver) => _receiver = receiver;

    // The receiver is on the loopback over plain http: allowed here, as in development.
    private JsonWebhookChannel Channel(string path, TimeSpan? timeout = null) =>
        new(Http, new Uri(_receiver.BaseAddress, path), new WebhookOptions { Timeout = timeout ?? TimeSpan.FromSeconds(10), AllowLocalTargets = true });

    [Fact]
    public async Task Posts_the_json_and_a_2xx_is_delivered()
    {
        var message = Samples.Message(new DateOnly(2026, 4, 23));
        var result = await Channel("/ok").SendAsync(message);

        Assert.True(result.Delivered, result.ToString());
        Assert.Equal("webhook", result.Channel);
        var (contentType, key, body) = Assert.Single(_receiver.Received);
        Assert.Equal("application/json; charset=utf-8", contentType);
        Assert.Equal("na-kham|2569|6m|finance|-7", key);
        Assert.Equal(message.WebhookJson, body);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal("กองคลัง", doc.RootElement.GetProperty("unit").GetProperty("name").GetString());
        Assert.Equal(7, doc.RootElement.GetProperty("daysLeft").GetInt32());
    }

    [Fact]
    public async Task A_500_from_the_hook_is_a_failed_delivery()
    {
        var result = await Channel("/fail").SendAsync(Samples.Message(new DateOnly(2026, 4, 23)));
        Assert.False(result.Delivered);
        Assert.StartsWith("HTTP 500", result.Detail);
    }

    [Fact]
    public async Task A_hanging_hook_times_out()
    {
        // The channel's own timeout ends the call ("timed out"); the guard only keeps a broken channel from hanging the run.
        var result = await Channel("/hang", TimeSpan.FromMilliseconds(300)).SendAsync(Samples.Message(new DateOnly(2026, 4, 23)))
            .WaitAsync(TimeSpan.FromMinutes(1));
        Assert.False(result.Delivered);
        Assert.Contains("timed out", result.Detail);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_swallowed()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Channel("/hang").SendAsync(Samples.Message(new DateOnly(2026, 4, 23)), cancel.Token));
    }

    [Fact]
    public void Only_absolute_http_urls_are_accepted() =>
        Assert.Throws<ArgumentException>(() => new JsonWebhookChannel(Http, new Uri("ftp://example.com/x"), new WebhookOptions()));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.20.0.1")]
    [InlineData("192.168.1.10")]
    [InlineData("169.254.169.254")] // the cloud metadata service
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Private_loopback_and_metadata_addresses_are_not_public(string address) =>
        Assert.False(WebhookHttp.IsPublic(System.Net.IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("203.150.10.1")]
    [InlineData("2606:4700::1111")]
    public void Internet_addresses_are_public(string address) => Assert.True(WebhookHttp.IsPublic(System.Net.IPAddress.Parse(address)));

    [Fact]
    public async Task In_production_a_webhook_never_reaches_the_apps_own_network_and_says_nothing_about_it()
    {
        var options = new WebhookOptions();
        using var http = WebhookHttp.Create(options);
        var logged = new List<string>();
        var message = Samples.Message(new DateOnly(2026, 4, 23));
        var before = _receiver.Received.Count;

        // Plain http is refused outright; https to the loopback is refused when connecting (whatever the name resolves to).
        var plain = await new JsonWebhookChannel(http, new Uri(_receiver.BaseAddress, "/ok"), options, logged.Add).SendAsync(message);
        Assert.False(plain.Delivered);
        Assert.Contains("https", plain.Detail, StringComparison.Ordinal);
        var secure = new UriBuilder(_receiver.BaseAddress) { Scheme = "https", Path = "/ok" }.Uri;
        foreach (var target in new[] { secure, new UriBuilder(secure) { Host = "localhost" }.Uri })
        {
            var refused = await new JsonWebhookChannel(http, target, options, logged.Add).SendAsync(message);
            Assert.False(refused.Delivered);
            Assert.Equal("the webhook URL does not lead to a public address", refused.Detail);
            Assert.DoesNotContain(_receiver.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Detail, StringComparison.Ordinal);
        }
        Assert.Equal(before, _receiver.Received.Count);
        Assert.Equal(2, logged.Count); // the details go to the log
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        var options = new WebhookOptions { AllowLocalTargets = true };
        using var http = WebhookHttp.Create(options);
        var before = _receiver.Received.Count;
        var result = await new JsonWebhookChannel(http, new Uri(_receiver.BaseAddress, "/elsewhere"), options).SendAsync(Samples.Message(new DateOnly(2026, 4, 23)));
        Assert.False(result.Delivered);
        Assert.StartsWith("HTTP 307", result.Detail, StringComparison.Ordinal);
        Assert.Equal(before, _receiver.Received.Count);
    }
}
