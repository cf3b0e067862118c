// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Reminders;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Persistence;

/// <summary>Where one reminder stands on one channel.</summary>
public enum ReminderDeliveryState
{
    /// <summary>A run took it and is sending until <see cref="ReminderDelivery.ClaimedUntil"/>; after that another run may take over.</summary>
    Claimed,

    /// <summary>The channel accepted it: never sent again.</summary>
    Delivered,

    /// <summary>The channel refused it: the next run tries again (while the slot is current).</summary>
    Failed,
}

/// <summary>What a reminder is about, stored with each delivery so that the log reads on its own.</summary>
public sealed record ReminderSubject(DateOnly DueDate, IReadOnlyList<string> Recipients, int MeasureCount);

/// <summary>
/// One reminder (<see cref="Key"/>) on one channel ("email", "webhook", "file", …): the row that
/// makes a delivery happen once. <see cref="Attempts"/> counts claims, so a retry shows.
/// </summary>
public sealed record ReminderDelivery(
    ReminderKey Key,
    string Channel,
    ReminderDeliveryState State,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClaimedUntil,
    int Attempts,
    string? Detail,
    ReminderSubject Subject,
    EntityVersion Version)
{
    public string Channel { get; } = Identifier.IsValid(Channel) ? Channel : throw new ArgumentException("A channel name is an identifier.", nameof(Channel));
}

/// <summary>The answer to a claim: the claimed row, or why this run must not send.</summary>
public sealed record ReminderClaim(ReminderClaimOutcome Outcome, ReminderDelivery? Delivery)
{
    public bool Granted => Outcome == ReminderClaimOutcome.Claimed;
}

public enum ReminderClaimOutcome
{
    /// <summary>This run holds the claim and sends now.</summary>
    Claimed,

    /// <summary>Delivered before: do nothing.</summary>
    AlreadyDelivered,

    /// <summary>Another run holds a live claim (it is sending right now): do nothing.</summary>
    HeldByAnother,
}

/// <summary>
/// The reminder delivery log. Exactly-once per (key, channel): a run first claims the pair
/// (conditional insert, or a conditional replace of a failed row or of a claim whose lease ran
/// out), sends, then records the outcome against the claim's version. A run that crashes after
/// claiming leaves a claim that a later run takes over once its lease has passed.
/// </summary>
public interface IReminderLog
{
    Task<ReminderClaim> TryClaimAsync(ReminderKey key, string channel, ReminderSubject subject, DateTimeOffset now, TimeSpan lease,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the outcome of a granted claim. False when the claim was lost meanwhile (its lease
    /// passed and another run took over): the outcome is then not recorded.
    /// </summary>
    Task<bool> CompleteAsync(ReminderDelivery claim, bool delivered, string? detail, DateTimeOffset now,
        CancellationToken cancellationToken = default);

    /// <summary>The deliveries of one organization and round (one partition).</summary>
    Task<IReadOnlyList<ReminderDelivery>> ListAsync(string organizationId, FiscalYearRound round, CancellationToken cancellationToken = default);

    /// <summary>Every delivery of the organization, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ReminderDelivery>> ListAllAsync(string organizationId, int limit, CancellationToken cancellationToken = default);
}
