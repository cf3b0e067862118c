// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Reminders;
using ItaServerless.Notifications.Channels;
using ItaServerless.Notifications.Messages;
using Microsoft.Extensions.Logging;

namespace ItaServerless.Notifications.Sweep;

/// <summary>Sweep settings (configuration section "Notifications:Sweep").</summary>
public sealed class ReminderSweepOptions
{
    /// <summary>How long a claim keeps other runs away; after it, a run that died is taken over. Far above a send's timeout.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Organizations processed at once.</summary>
    public int Parallelism { get; set; } = 8;
}

/// <summary>The channels that carry one organization's reminders.</summary>
public interface IReminderChannelSource
{
    IReadOnlyList<IReminderChannel> For(Organization organization);
}

/// <summary>What one sweep did (for the invocation log and the benchmark).</summary>
public sealed record ReminderSweepResult(
    DateOnly Day,
    int Organizations,
    int OrganizationsLoaded,
    int Reminders,
    int Delivered,
    int Failed,
    int AlreadyDone,
    int RoundsClosed)
{
    public override string ToString() =>
        $"{Day:yyyy-MM-dd}: {Organizations} organizations, {OrganizationsLoaded} with open work loaded, {Reminders} reminders planned, " +
        $"{Delivered} deliveries, {Failed} failed (retried next run), {AlreadyDone} skipped (delivered or being sent), {RoundsClosed} rounds closed";
}

/// <summary>
/// The daily reminder run. Reads the directory page by page; an organization is loaded (profile,
/// the year's measures with the rounds reported, and the round's reminder log) only when a round marked open in
/// the work index is being reminded today, so the cost grows with the organizations that have open
/// work. Each planned reminder goes through every channel under a claim in the reminder log:
/// delivered once per (key, channel) however many runs overlap, failures retried on a later run.
/// </summary>
public sealed class ReminderSweep(
    IReminderWorkIndex index,
    IOrganizationRepository organizations,
    IPlanRepository plans,
    IReminderLog log,
    IReminderChannelSource channels,
    ReminderComposer composer,
    ReminderSweepOptions options,
    ILogger<ReminderSweep> logger)
{
    public async Task<ReminderSweepResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var today = BangkokTime.DateOf(now);
        var counts = new Counts();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(index.ListAsync(cancellationToken), parallel, async (candidate, ct) =>
        {
            Interlocked.Increment(ref counts.Organizations);
            try
            {
                await ProcessAsync(candidate, now, today, counts, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One organization's bad data or a storage hiccup must not stop the others' reminders.
                logger.LogError(e, "Reminders of {Organization} failed; the next run tries again", candidate.OrganizationId);
            }
        }).ConfigureAwait(false);
        return new ReminderSweepResult(today, counts.Organizations, counts.Loaded, counts.Reminders, counts.Delivered, counts.Failed, counts.AlreadyDone, counts.RoundsClosed);
    }

    /// <summary>Does the directory alone say there is something to do (a reminded open round, or a mark to drop)?</summary>
    public static bool HasWork(ReminderCandidate candidate, DateOnly today) =>
        candidate.OpenRounds.Count > 0 && (candidate.DueDates is not { } dueDates
            || candidate.OpenRounds.Any(r => today > ReminderSchedule.RemindUntil(r, dueDates))
            || ReminderSchedule.ActiveOn(today, dueDates).Any(a => candidate.OpenRounds.Contains(a.Round)));

    private async Task ProcessAsync(ReminderCandidate candidate, DateTimeOffset now, DateOnly today, Counts counts, CancellationToken ct)
    {
        if (!HasWork(candidate, today)) return;
        var org = candidate.OrganizationId;
        var profile = await organizations.GetProfileAsync(org, ct).ConfigureAwait(false);
        if (profile is null) return;
        Interlocked.Increment(ref counts.Loaded);
        var organization = profile.Organization.Value;
        var dueDates = organization.DueDates;
        var active = ReminderSchedule.ActiveOn(today, dueDates).Where(a => candidate.OpenRounds.Contains(a.Round)).ToArray();
        var closed = candidate.OpenRounds.Where(r => today > ReminderSchedule.RemindUntil(r, dueDates)).ToHashSet();

        if (active.Length > 0)
        {
            var measures = new List<MeasureReporting>();
            foreach (var year in active.Select(a => a.Round.Year).Distinct())
            {
                measures.AddRange(await plans.ListReportingAsync(org, year, ct).ConfigureAwait(false));
            }

            var deliveries = new List<ReminderDelivery>();
            foreach (var round in active.Select(a => a.Round))
            {
                deliveries.AddRange(await log.ListAsync(org, round, ct).ConfigureAwait(false));
                if (!measures.Any(m => m.IsPendingIn(round))) closed.Add(round);
            }

            var orgChannels = channels.For(organization);
            await SendAsync(profile, orgChannels, measures, deliveries, active, now, today, counts, ct).ConfigureAwait(false);
        }

        if (closed.Count > 0 && candidate.OpenVersion is { } version)
        {
            var stillOpen = candidate.OpenRounds.Where(r => !closed.Contains(r)).ToArray();
            // Conditional: a measure created since the directory page was read keeps its round open.
            if (await index.TrySetOpenRoundsAsync(org, stillOpen, version, ct).ConfigureAwait(false))
            {
                Interlocked.Add(ref counts.RoundsClosed, candidate.OpenRounds.Count - stillOpen.Length);
            }
        }
    }

    private async Task SendAsync(OrganizationProfile profile, IReadOnlyList<IReminderChannel> orgChannels, List<MeasureReporting> measures,
        List<ReminderDelivery> deliveries, ActiveRound[] active, DateTimeOffset now, DateOnly today, Counts counts, CancellationToken ct)
    {
        var organization = profile.Organization.Value;
        var channelNames = orgChannels.Select(c => c.Name).ToArray();
        // A key is done when every channel delivered it; a partly delivered key is planned again and
        // only its missing channels send.
        var sent = deliveries.Where(d => d.State == ReminderDeliveryState.Delivered)
            .GroupBy(d => d.Key.Value, StringComparer.Ordinal)
            .Where(g => channelNames.All(name => g.Any(d => d.Channel == name)))
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var officials = profile.Officials.Select(o => o.Value)
            .Where(o => o.Email is not null)
            .Select(o => new OfficialContact(o.Role, new Contact(o.Name, o.Email!)))
            .ToArray();
        var input = new ReminderInput(today, organization.Id, organization.DueDates, profile.Units.Select(u => u.Value).ToArray(),
            officials, measures, sent);
        var rounds = active.Select(a => a.Round).ToHashSet();
        foreach (var reminder in ReminderPlanner.Plan(input).Where(r => rounds.Contains(r.Round)))
        {
            Interlocked.Increment(ref counts.Reminders);
            var message = composer.Compose(reminder, organization.Name);
            var subject = new ReminderSubject(reminder.DueDate,
                reminder.To.Select(c => c.Email).Concat(reminder.Cc.Select(c => "cc:" + c.Email)).ToArray(), reminder.Measures.Count);
            foreach (var channel in orgChannels)
            {
                await DeliverAsync(reminder.Key, channel, message, subject, now, counts, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task DeliverAsync(ReminderKey key, IReminderChannel channel, ReminderMessage message, ReminderSubject subject,
        DateTimeOffset now, Counts counts, CancellationToken ct)
    {
        var claim = await log.TryClaimAsync(key, channel.Name, subject, now, options.ClaimLease, ct).ConfigureAwait(false);
        if (!claim.Granted)
        {
            Interlocked.Increment(ref counts.AlreadyDone);
            return;
        }

        DeliveryResult result;
        try
        {
            result = await channel.SendAsync(message, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Channels report failures as results; a throw is a bug, still recorded so the next run retries.
            result = DeliveryResult.Failure(channel.Name, e.GetType().Name + ": " + e.Message);
        }

        // Recorded at the run's time: the log's order follows the runs, as the API shows it.
        if (!await log.CompleteAsync(claim.Delivery!, result.Delivered, result.Detail, now, ct).ConfigureAwait(false))
        {
            logger.LogWarning("Reminder {Key} on {Channel}: the claim was taken over before the outcome ({Result}) was recorded", key.FullValue, channel.Name, result);
        }

        if (result.Delivered)
        {
            Interlocked.Increment(ref counts.Delivered);
        }
        else
        {
            Interlocked.Increment(ref counts.Failed);
            logger.LogWarning("Reminder {Key} on {Channel} failed: {Detail}; the next run tries again", key.FullValue, channel.Name, result.Detail);
        }
    }

    private sealed class Counts
    {
        public int Organizations;
        public int Loaded;
        public int Reminders;
        public int Delivered;
        public int Failed;
        public int AlreadyDone;
        public int RoundsClosed;
    }
}
