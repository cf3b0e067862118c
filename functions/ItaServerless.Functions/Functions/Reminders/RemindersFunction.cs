// SPDX-License-Identifier: MIT
using System.ComponentModel;
using System.Globalization;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Validation;
using ItaServerless.Functions.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace ItaServerless.Functions.Functions.Reminders;

/// <summary>One channel's part of a reminder: "delivered", "failed" or "sending" (claimed), since when, after how many attempts.</summary>
public sealed record ReminderChannelResource(string Channel, string Status, DateTimeOffset At, int Attempts, string? Detail);

/// <summary>
/// One reminder of the log: its key ("2569|6m|finance|-7"), round, unit, slot (days from the due
/// date), due date, recipients ("cc:" for copies), the channels and whether all delivered.
/// </summary>
public sealed record ReminderResource(
    string Key,
    int FiscalYear,
    string Round,
    string Unit,
    int Slot,
    string DueDate,
    int MeasureCount,
    IReadOnlyList<string> Recipients,
    bool Delivered,
    DateTimeOffset At,
    IReadOnlyList<ReminderChannelResource> Channels)
{
    public static ReminderResource From(IReadOnlyList<ReminderDelivery> rows)
    {
        var first = rows[0];
        var latest = rows.MaxBy(r => r.UpdatedAt)!;
        return new ReminderResource(first.Key.Value, first.Key.Round.Year.Year, first.Key.Round.Round.Code, first.Key.UnitId, first.Key.Slot.Offset,
            first.Subject.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), latest.Subject.MeasureCount, latest.Subject.Recipients,
            rows.All(r => r.State == ReminderDeliveryState.Delivered), latest.UpdatedAt,
            rows.OrderBy(r => r.Channel, StringComparer.Ordinal).Select(r => new ReminderChannelResource(r.Channel, Status(r.State), r.UpdatedAt, r.Attempts, r.Detail)).ToArray());
    }

    private static string Status(ReminderDeliveryState state) => state switch
    {
        ReminderDeliveryState.Delivered => "delivered",
        ReminderDeliveryState.Failed => "failed",
        _ => "sending",
    };
}

/// <summary>The reminder log of an organization, newest first: GET /api/orgs/{org}/reminders[?limit=N] (any token of the organization).</summary>
[Description("Reminders sent to divisions before each deadline (การแจ้งเตือน).")]
public sealed class RemindersFunction(IReminderLog log)
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;

    [Function("ListReminders"), Requires(AccessNeed.Read), QueryParameter("limit", "How many reminders, newest first (1–1000, 200 by default).")]
    public async Task<Results<Ok<ItemList<ReminderResource>>, ApiProblemResult>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/orgs/{org}/reminders")] HttpRequest request, string org, CancellationToken ct)
    {
        int? limit = null;
        if (request.Query["limit"].ToString() is { Length: > 0 } text)
        {
            limit = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        }

        if (limit is < 1 or > MaxLimit)
        {
            return ApiProblem.Field(StatusCodes.Status400BadRequest, "limit", ErrorCodes.OutOfRange,
                $"limit ต้องอยู่ระหว่าง 1 ถึง {MaxLimit}", $"limit must be between 1 and {MaxLimit}.").ToResult();
        }

        // Rows are per channel: read enough of them for the reminders asked for.
        var rows = await log.ListAllAsync(org, (limit ?? DefaultLimit) * 8, ct);
        var reminders = rows.GroupBy(r => r.Key.Value, StringComparer.Ordinal)
            .Select(g => ReminderResource.From(g.ToArray()))
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Key, StringComparer.Ordinal)
            .Take(limit ?? DefaultLimit);
        return TypedResults.Ok(ItemList.Of(reminders));
    }
}
