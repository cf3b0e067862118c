// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Invocation;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Notifications;
using ItaServerless.Notifications.Calendar;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItaServerless.Functions.Functions.Calendar;

/// <summary>
/// The organization's reporting deadlines as an iCalendar feed: GET /api/orgs/{org}/calendar.ics.
/// Any token of the organization (a reporter token is enough); calendar apps that cannot send an
/// Authorization header subscribe with ?token=ita.… in the URL.
/// </summary>
public sealed class CalendarFunction : IHttpFunction
{
    public static string FunctionName => "Calendar";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/orgs/{org}/calendar.ics", GetAsync).WithTags(FunctionName)
            .AddEndpointFilter(TokenFromQuery)
            .Requires(AccessNeed.Read)
            .Produces<string>(200, "text/calendar");

    /// <summary>Moves ?token= into the Authorization header (when there is none) before the access check.</summary>
    private static ValueTask<object?> TokenFromQuery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.Headers.Authorization.Count == 0 && request.Query["token"].FirstOrDefault() is { Length: > 0 } token)
        {
            request.Headers.Authorization = "Bearer " + token;
        }

        return next(context);
    }

    private static async Task<Results<ContentHttpResult, ApiProblemResult>> GetAsync(string org, IOrganizationRepository orgs, NotificationOptions options, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        var found = await orgs.GetAsync(org, ct);
        if (found is null) return OrganizationSubjects.NotFound.ToProblem();
        var organization = found.Value;
        var ics = DeadlineCalendar.Build(organization.Id, organization.Name, organization.DueDates, clock.GetUtcNow(), options);
        // Calendar apps poll: a few hours of caching is fine, but never in shared caches (the URL may carry a token).
        response.Headers.CacheControl = "private, max-age=3600";
        return TypedResults.Text(ics, DeadlineCalendar.ContentType);
    }
}
