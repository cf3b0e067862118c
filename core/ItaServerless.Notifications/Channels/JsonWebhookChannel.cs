// SPDX-License-Identifier: MIT
using System.Net.Http.Headers;
using System.Text;
using ItaServerless.Notifications.Messages;

namespace ItaServerless.Notifications.Channels;

/// <summary>Webhook settings (configuration section "Notifications:Webhook"); the URL is per organization.</summary>
public sealed class WebhookOptions
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// POSTs <see cref="ReminderMessage.WebhookJson"/> to an organization's URL (e.g. a chat
/// tool's incoming webhook). 2xx = delivered; any other status, a network error or the
/// timeout = failed. The header Idempotency-Key carries the reminder key so that a receiver
/// can drop a retry it already has.
/// </summary>
public sealed class JsonWebhookChannel : IReminderChannel
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly WebhookOptions _options;

    /// <param name="http">A shared client (its own Timeout is not relied upon).</param>
    public JsonWebhookChannel(HttpClient http, Uri endpoint, WebhookOptions options)
    {
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
            return DeliveryResult.Failure(Name, e.Message);
        }
    }
}
