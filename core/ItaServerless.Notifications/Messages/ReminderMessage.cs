// SPDX-License-Identifier: MIT
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Reminders;
using ItaServerless.Core.Thai;

namespace ItaServerless.Notifications.Messages;

/// <summary>
/// A reminder ready for every channel: Thai subject, plain text and HTML bodies for e-mail,
/// and the JSON document posted to webhooks. <see cref="Key"/> makes retries recognisable.
/// </summary>
public sealed record ReminderMessage(
    ReminderKey Key,
    string Subject,
    string Text,
    string Html,
    IReadOnlyList<Contact> To,
    IReadOnlyList<Contact> Cc,
    string WebhookJson);

/// <summary>Turns a planned reminder into its message, in Thai.</summary>
public sealed class ReminderComposer
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly NotificationOptions _options;

    public ReminderComposer(NotificationOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <param name="reminder">From <see cref="ReminderPlanner.Plan"/>.</param>
    /// <param name="organizationName">"องค์การบริหารส่วนตำบลนาคำ".</param>
    public ReminderMessage Compose(ReminderToSend reminder, string organizationName)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationName);
        var round = reminder.Round;
        var link = _options.ProgressLink(round);
        var due = ThaiFormat.Date(reminder.DueDate);
        var timing = ReminderTexts.Timing(reminder.DaysLeft);
        var late = reminder.DaysLeft < 0;
        var subject = $"[ITA] {(late ? "เกินกำหนด: " : "")}{ReminderTexts.Deadline(round)} วันที่ {due} ({timing})";
        var intro = $"{organizationName} ขอเตือนให้รายงานผลการดำเนินงาน{ThaiFormat.RoundName(round.Round)} " +
                    $"{ThaiFormat.FiscalYear(round.Year)} ของมาตรการที่{reminder.Unit.Name}รับผิดชอบและยังไม่ได้รายงาน";
        var dueLine = $"กำหนดส่งภายในวันที่ {due} ({timing})";
        var countLine = $"มาตรการที่ยังไม่ได้รายงาน ({ThaiFormat.Count(reminder.Measures.Count, thaiDigits: true)} รายการ)";
        var groups = reminder.Measures.GroupBy(m => m.Plan).OrderBy(g => g.Key).ToArray();
        var copies = reminder.Cc.Count > 0 ? "สำเนาถึง " + string.Join(", ", reminder.Cc.Select(c => c.Name)) : null;
        const string footer = "ข้อความนี้ส่งจากระบบติดตามมาตรการ ITA โดยอัตโนมัติ";

        var text = new StringBuilder();
        text.Append("เรียน ").Append(reminder.Unit.Name).Append("\n\n")
            .Append(intro).Append('\n').Append(dueLine).Append("\n\n").Append(countLine).Append('\n');
        foreach (var group in groups)
        {
            text.Append(group.Key.NameTh()).Append('\n');
            foreach (var m in group) text.Append("  ").Append(ReminderTexts.ListNumber(m.Number)).Append(' ').Append(m.Title).Append('\n');
        }

        text.Append("\nรายงานผลได้ที่ ").Append(link).Append('\n');
        if (copies is not null) text.Append('\n').Append(copies).Append('\n');
        text.Append('\n').Append(footer).Append('\n');

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>").Append(E(subject)).Append("</title></head><body>")
            .Append("<p>เรียน ").Append(E(reminder.Unit.Name)).Append("</p>")
            .Append("<p>").Append(E(intro)).Append("<br><strong>").Append(E(dueLine)).Append("</strong></p>")
            .Append("<p>").Append(E(countLine)).Append("</p>");
        foreach (var group in groups)
        {
            html.Append("<p>").Append(E(group.Key.NameTh())).Append("</p><ul style=\"list-style:none\">");
            foreach (var m in group) html.Append("<li>").Append(E(ReminderTexts.ListNumber(m.Number))).Append(' ').Append(E(m.Title)).Append("</li>");
            html.Append("</ul>");
        }

        html.Append("<p><a href=\"").Append(E(link)).Append("\">รายงานผลได้ที่ระบบ ITA</a><br>").Append(E(link)).Append("</p>");
        if (copies is not null) html.Append("<p>").Append(E(copies)).Append("</p>");
        html.Append("<p><small>").Append(E(footer)).Append("</small></p></body></html>");

        var json = new JsonObject
        {
            ["type"] = "ita.reminder",
            ["key"] = reminder.Key.Value,
            ["organization"] = reminder.Key.Organization,
            ["organizationName"] = organizationName,
            ["unit"] = new JsonObject { ["id"] = reminder.Unit.Id, ["name"] = reminder.Unit.Name },
            ["fiscalYear"] = round.Year.Year,
            ["round"] = round.Round.Code,
            ["roundName"] = ThaiFormat.RoundName(round.Round),
            ["dueDate"] = reminder.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["dueDateTh"] = due,
            ["slot"] = reminder.Slot.Offset,
            ["overdue"] = reminder.Overdue,
            ["daysLeft"] = reminder.DaysLeft,
            ["measures"] = new JsonArray(reminder.Measures.Select(m => (JsonNode)new JsonObject
            {
                ["plan"] = m.Plan.Code(),
                ["number"] = m.Number,
                ["title"] = m.Title,
            }).ToArray()),
            ["to"] = Addresses(reminder.To),
            ["cc"] = Addresses(reminder.Cc),
            ["link"] = link,
            // Chat tools (Slack, Mattermost, Google Chat incoming webhooks) show "text".
            ["text"] = subject + "\n\n" + text,
        };

        return new ReminderMessage(reminder.Key, subject, text.ToString(), html.ToString(), reminder.To, reminder.Cc,
            json.ToJsonString(JsonOptions));
    }

    private static JsonArray Addresses(IEnumerable<Contact> contacts) =>
        new(contacts.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["email"] = c.Email }).ToArray());

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
