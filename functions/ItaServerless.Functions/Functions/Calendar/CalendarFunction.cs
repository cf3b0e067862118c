// SPDX-License-Identifier: MIT
using System.ComponentModel;
using ItaServerless.Functions.Api;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Notifications;
using ItaServerless.Notifications.Calendar;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ItaServerless.Functions.Functions.Calendar;

/// <summary>
/// The organization's reporting deadlines as an iCalendar feed: GET /api/orgs/{org}/calendar.ics.
/// Any token of the organization (a reporter token is enough); calendar apps that cannot send an
/// Authorization header subscribe with ?token=ita.… in the URL.
/// </summary>
[Description("The deadline calendar feed, iCalendar (ปฏิทินกำหนดส่งรายงาน).")]
public sealed class CalendarFunction(IOrganizationRepository orgs, NotificationOptions options, TimeProvider clock)
{
    [Function("GetCalendar"), Requires(AccessNeed.Read, TokenInQuery = true), ProducesResponseType(typeof(string), StatusCodes.Status200OK, DeadlineCalendar.ContentType)]
    public async Task<Results<ContentHttpResult, ApiProblemResult>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/orgs/{org}/calendar.ics")] HttpRequest request, string org, CancellationToken ct)
    {
        var found = await orgs.GetAsync(org, ct);
        if (found is null) return OrganizationSubjects.NotFound.ToProblem();
        var organization = found.Value;
        var ics = DeadlineCalendar.Build(organization.Id, organization.Name, organization.DueDates, clock.GetUtcNow(), options);
        // Calendar apps poll: a few hours of caching is fine, but never in shared caches (the URL may carry a token).
        request.HttpContext.Response.Headers.CacheControl = "private, max-age=3600";
        return TypedResults.Text(ics, DeadlineCalendar.ContentType);
    }
}
