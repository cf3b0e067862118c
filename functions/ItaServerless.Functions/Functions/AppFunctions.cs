// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Functions.Assessments;
using ItaServerless.Functions.Functions.Audit;
using ItaServerless.Functions.Functions.Calendar;
using ItaServerless.Functions.Functions.Health;
using ItaServerless.Functions.Functions.Heartbeat;
using ItaServerless.Functions.Functions.Measures;
using ItaServerless.Functions.Functions.Organizations;
using ItaServerless.Functions.Functions.Public;
using ItaServerless.Functions.Functions.PublishReports;
using ItaServerless.Functions.Functions.RenderReport;
using ItaServerless.Functions.Functions.Reports;
using ItaServerless.Functions.Functions.Reminders;
using ItaServerless.Functions.Functions.SendReminders;
using ItaServerless.Functions.Functions.OpenApi;
using ItaServerless.Functions.Functions.Source;
using ItaServerless.Functions.Functions.WebForm;
using ItaServerless.Functions.Invocation;
using ItaServerless.Functions.Publishing;
using ItaServerless.Functions.Reporting;

namespace ItaServerless.Functions.Functions;

/// <summary>
/// The one place where functions are registered. Adding a function = a folder Functions/{Name}
/// with its function.json and handler, plus one line here; the contract tests check both sides.
/// </summary>
public static class AppFunctions
{
    public static IServiceCollection AddAppFunctions(this IServiceCollection services) => services
        .AddHttpFunction<HealthFunction>()
        .AddHttpFunction<OrganizationsFunction>()
        .AddHttpFunction<AssessmentsFunction>()
        .AddHttpFunction<MeasuresFunction>()
        .AddHttpFunction<ReportsFunction>()
        .AddHttpFunction<WebFormFunction>()
        .AddHttpFunction<SourceFunction>()
        .AddHttpFunction<OpenApiFunction>()
        .AddHttpFunction<RemindersFunction>()
        .AddHttpFunction<CalendarFunction>()
        .AddHttpFunction<AuditFunction>()
        .AddHttpFunction<Domain.DomainFunction>()
        .AddTriggeredFunction<HeartbeatFunction>()
        .AddTriggeredFunction<RenderReportFunction>()
        .AddReporting()
        .AddTriggeredFunction<SendRemindersFunction>()
        .AddHttpFunction<PublicFunction>()
        .AddTriggeredFunction<PublishReportsFunction>()
        .AddPublishing();
}
