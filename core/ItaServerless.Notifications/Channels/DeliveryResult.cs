// SPDX-License-Identifier: MIT
using ItaServerless.Notifications.Messages;

namespace ItaServerless.Notifications.Channels;

/// <summary>
/// What a channel did with one message. Record a reminder as sent only when it was
/// delivered; a failure is retried on the next run. <see cref="Detail"/> says why (failure)
/// or notes a partial acceptance (delivered, but some recipients were refused).
/// </summary>
public sealed record DeliveryResult
{
    private DeliveryResult(string channel, bool delivered, string? detail)
    {
        Channel = channel;
        Delivered = delivered;
        Detail = detail;
    }

    public string Channel { get; }

    public bool Delivered { get; }

    public string? Detail { get; }

    public static DeliveryResult Success(string channel, string? note = null) => new(channel, true, note);

    public static DeliveryResult Failure(string channel, string reason) =>
        new(channel, false, string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("A failure needs a reason.", nameof(reason)) : reason);

    public override string ToString() => Delivered ? $"{Channel}: delivered{(Detail is null ? "" : $" ({Detail})")}" : $"{Channel}: failed ({Detail})";
}

/// <summary>
/// A way to deliver reminders. Implementations never throw for delivery problems (they
/// return a failure); only the caller's cancellation is thrown.
/// </summary>
public interface IReminderChannel
{
    /// <summary>"email", "webhook" or "file": stored with the delivery log, so keep it stable.</summary>
    string Name { get; }

    Task<DeliveryResult> SendAsync(ReminderMessage message, CancellationToken cancellationToken = default);
}
