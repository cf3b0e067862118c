// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Tests.Api;
using ItaServerless.Testing;
using Xunit.Abstractions;

using ItaServerless.Functions.Tests.Hosting;

namespace ItaServerless.Functions.Tests.Reliability;

/// <summary>
/// Every protected route tried with another organization's editor token, a reporter token (on
/// editor routes), an expired and a revoked token, and no token: not one success.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class TenancyTests(AzuriteFixture azurite, ITestOutputHelper output) : IDisposable
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private FunctionsApp? _app;

    [Fact]
    public async Task No_route_answers_a_caller_from_outside_its_rights()
    {
        var figures = new Figures("tenancy", output);
        _app = new FunctionsApp(azurite.ConnectionString, clock: _clock);
        var http = _app.CreateClient();
        var admin = new ApiClient(http).AsAdmin();
        var surface = await RouteSurface.SeedAsync(admin, "ten-" + Guid.NewGuid().ToString("N")[..8]);
        var org = surface.Org;
        var editor = admin.As(surface.EditorToken);
        var other = (await admin.PostAsync("/api/orgs", new { id = "oth-" + Guid.NewGuid().ToString("N")[..8], name = "อบต.อื่น", kind = "อบต." }))
            .Is(HttpStatusCode.Created).Json["editorToken"]!.GetValue<string>();
        var reporter = (await editor.PostAsync($"/api/orgs/{org}/tokens", new { role = "reporter", name = "ผู้รายงาน" })).Json["token"]!.GetValue<string>();
        var calendar = (await editor.PostAsync($"/api/orgs/{org}/tokens", new { role = "calendar", name = "ปฏิทิน" })).Json["token"]!.GetValue<string>();
        var expiring = (await editor.PostAsync($"/api/orgs/{org}/tokens", new { role = "editor", name = "หมดอายุ", expiresInDays = 1 })).Json["token"]!.GetValue<string>();
        var revoked = (await editor.PostAsync($"/api/orgs/{org}/tokens", new { role = "editor", name = "ถูกยกเลิก" })).Is(HttpStatusCode.Created);
        (await editor.DeleteAsync($"/api/orgs/{org}/tokens/{revoked.Json["grant"]!["id"]}")).Is(HttpStatusCode.NoContent);
        (await editor.GetAsync($"/api/orgs/{org}/audit")).Is(HttpStatusCode.OK); // an editor token works here
        _clock.Now = _clock.Now.AddDays(2);

        var anonymous = surface.Routes.Where(r => r.Need is null && !r.Pattern.RawText!.EndsWith("/calendar.ics", StringComparison.Ordinal))
            .Select(r => r.Pattern.RawText!).ToHashSet();
        Assert.Subset(RouteSurface.PublicRoutes, anonymous); // a new route without an access rule fails here

        var callers = new List<(string Name, string? Token, Func<ApiRoute, bool> AppliesTo)>
        {
            ("other-org-editor", other, _ => true),
            ("reporter", reporter, r => r.Need is AccessNeed.Edit or AccessNeed.Admin),
            ("calendar", calendar, r => !r.Pattern.RawText!.EndsWith("/calendar.ics", StringComparison.Ordinal)),
            ("expired", expiring, _ => true),
            ("revoked", revoked.Json["token"]!.GetValue<string>(), _ => true),
            ("none", null, _ => true),
        };
        var successes = new List<string>();
        foreach (var route in surface.Routes.Where(r => r.Need is not null || r.Pattern.RawText!.EndsWith("/calendar.ics", StringComparison.Ordinal)))
        {
            foreach (var (name, token, appliesTo) in callers.Where(c => c.AppliesTo(route)))
            {
                foreach (var viaQuery in route.Pattern.RawText!.EndsWith("/calendar.ics", StringComparison.Ordinal) && token is not null ? new[] { false, true } : [false])
                {
                    var path = route.Path(surface.Value);
                    if (viaQuery) path += "?token=" + Uri.EscapeDataString(token!);
                    using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
                    if (token is not null && !viaQuery) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    request.Headers.TryAddWithoutValidation("If-Match", surface.MeasureETag);
                    if (route.Method is "POST" or "PUT") request.Content = new StringContent(RouteSurface.SampleBody(route), Encoding.UTF8, "application/json");
                    using var response = await http.SendAsync(request);
                    figures.Add("requests");
                    if ((int)response.StatusCode is >= 200 and < 400) successes.Add($"{name}: {route} → {(int)response.StatusCode}");
                    else figures.Add("refused" + (int)response.StatusCode);
                }
            }
        }
        figures.Add("routes", surface.Routes.Count(r => r.Need is not null));
        figures.Add("successes", successes.Count);
        figures.Report();
        Assert.Empty(successes);

        // The same routes still work for the rightful editor (the refusals were about the caller).
        (await editor.GetAsync($"/api/orgs/{org}/years/2569/measures/ita-1")).Is(HttpStatusCode.OK);
    }

    public void Dispose() => _app?.Dispose();
}
