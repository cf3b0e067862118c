// SPDX-License-Identifier: MIT
using System.Net.Http.Headers;
using System.Text;
using ItaServerless.Notifications.Messages;

namespace ItaServerless.Notifications.Channels;

/// <summary>Webhook settings (configuration section "Notifications:Webhook"); the URL is per organization.</summary>
public sealed class WebhookOptions
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Development and tests only: plain http and loopback or private addresses are allowed.</summary>
    public bool AllowLocalTargets { get; set; }
}

/// <summary>
/// POSTs <see cref="ReminderMessage.WebhookJson"/> to an organization's URL (e.g. a chat
/// tool's incoming webhook). 2xx = delivered; any other status, a network error or the
/// timeout = failed. The header Idempotency-Key carries the reminder key so that a receiver
/// can drop a retry it already has. Only https (unless <see cref="WebhookOptions.AllowLocalTargets"/>);
/// what went wrong on the network is logged, and the reminder log (which reporters read) gets a
/// generic reason, so that the webhook cannot be used to probe the app's network.
/// </summary>
public sealed class JsonWebhookChannel : IReminderChannel
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly WebhookOptions _options;

    /// <param name="http">A shared client (its own Timeout is not relied upon).</param>
    private readonly Action<string>? _log;

    /// <param name="log">Where the network error's details go (never to the reminder log).</param>
    public JsonWebhookChannel(HttpClient http, Uri endpoint, WebhookOptions options, Action<string>? log = null)
    {
        _log = log;
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("A webhook URL must be an absolute http(s) URL.", nameof(endpoint));
        }

        _endpoint = endpoint;
    }

    public string Name => "webhook";

    public async Task<DeliveryResult> SendAsync(ReminderMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_endpoint.Scheme != Uri.UriSchemeHttps && !_options.AllowLocalTargets)
            return DeliveryResult.Failure(Name, "the webhook URL must use https");
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new StringContent(message.WebhookJson, Encoding.UTF8, new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", message.Key.FullValue);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300
                ? DeliveryResult.Success(Name)
                : DeliveryResult.Failure(Name, $"HTTP {status} {response.ReasonPhrase}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Failure(Name, $"timed out after {_options.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            _log?.Invoke($"Webhook {_endpoint.Host}: {e.Message}{(e.InnerException is { } inner ? " (" + inner.Message + ")" : "")}");
            return DeliveryResult.Failure(Name, e.InnerException is WebhookTargetRefusedException
                ? "the webhook URL does not lead to a public address"
                : "the webhook could not be reached");
        }
    }
}
