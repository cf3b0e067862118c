// SPDX-License-Identifier: MIT
using ItaServerless.Core.Organizations;
using ItaServerless.Notifications.Sweep;

namespace ItaServerless.Notifications.Channels;

/// <summary>
/// The app's channels (e-mail or the local file sink, from configuration) plus the organization's
/// own JSON webhook when it has one (<see cref="Organization.Webhook"/>).
/// </summary>
public sealed class ConfiguredChannels : IReminderChannelSource
{
    private readonly IReadOnlyList<IReminderChannel> _shared;
    private readonly HttpClient _http;
    private readonly WebhookOptions _webhook;
    private readonly Action<string>? _log;

    public ConfiguredChannels(IEnumerable<IReminderChannel> shared, HttpClient http, WebhookOptions webhook, Action<string>? log = null)
    {
        _log = log;
        _shared = shared?.ToArray() ?? throw new ArgumentNullException(nameof(shared));
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _webhook = webhook ?? throw new ArgumentNullException(nameof(webhook));
        var duplicate = _shared.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1 || g.Key == WebhookName);
        if (duplicate is not null) throw new ArgumentException($"Two reminder channels are named \"{duplicate.Key}\": the log keeps one row per channel name.", nameof(shared));
    }

    private const string WebhookName = "webhook";

    public IReadOnlyList<IReminderChannel> Shared => _shared;

    public IReadOnlyList<IReminderChannel> For(Organization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return organization.Webhook is { } url ? [.. _shared, new JsonWebhookChannel(_http, url, _webhook, _log)] : _shared;
    }
}
