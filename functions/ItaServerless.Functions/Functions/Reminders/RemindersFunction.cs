// SPDX-License-Identifier: MIT
using System.Globalization;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Validation;
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Invocation;
using Microsoft.AspNetCore.Http.HttpResults;

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
public sealed class RemindersFunction : IHttpFunction
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;

    public static string FunctionName => "Reminders";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/orgs/{org}/reminders", ListAsync).WithTags(FunctionName).Requires(AccessNeed.Read);

    private static async Task<Results<Ok<ItemList<ReminderResource>>, ApiProblemResult>> ListAsync(string org, int? limit, IReminderLog log, CancellationToken ct)
    {
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
