// SPDX-License-Identifier: MIT
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ItaServerless.Functions.Tests.Hosting;

/// <summary>The worker as the host runs it: its root, its admin API, its answers to paths no function serves.</summary>
[Collection(WorkerFixture.Collection)]
public sealed class WorkerTests(WorkerFixture app)
{
    [Fact]
    public async Task The_root_and_the_bare_form_path_lead_to_the_form()
    {
        using var http = app.CreateClient();
        using var root = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/api/app/", root.Headers.Location!.ToString());
        using var bare = await http.GetAsync("/api/app");
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        using var form = await http.GetAsync("/api/app/");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal("text/html", form.Content.Headers.ContentType!.MediaType);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("lang=\"th\"", html, StringComparison.Ordinal);
        // Security headers (security issue, item 8): a strict policy the form can live with, since it has no inline script or style.
        var policy = string.Join(";", form.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
        Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(form.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(form.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Paths_no_function_serves_get_problems_and_a_wrong_method_names_the_allowed_ones()
    {
        using var http = app.CreateClient();
        using var unknown = await http.GetAsync("/api/no/such/route");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        using var patch = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "/api/orgs/some-org"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, patch.StatusCode);
        Assert.Equal(["GET", "PUT"], patch.Content.Headers.Allow.Order());
        var problem = JsonNode.Parse(await patch.Content.ReadAsStringAsync())!;
        Assert.Equal("method_not_allowed", problem["errors"]![0]!["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(problem["titleTh"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("/RenderReport")]
    [InlineData("/SendReminders")]
    [InlineData("/PublishReports")]
    [InlineData("/Heartbeat")]
    public async Task Timer_and_blob_functions_are_not_reachable_over_http_without_the_master_key(string path)
    {
        // The custom handler's POST /{FunctionName} routes took forged payloads (security issue, item 2); the worker has none.
        using var http = app.CreateClient();
        var forged = new StringContent("""{"Data":{"request":"{}"},"Metadata":{"name":"org/2569/forged.json"}}""", Encoding.UTF8, "application/json");
        // (405 from routing: the only one-segment route is the site's root, a GET.)
        Assert.Contains((await http.PostAsync(path, forged)).StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api" + path, forged)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/admin/functions" + path, forged)).StatusCode);
        using var wrongKey = new HttpRequestMessage(HttpMethod.Post, "/admin/functions" + path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        wrongKey.Headers.Add("x-functions-key", WorkerFixture.AdminKey + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrongKey)).StatusCode);
    }

    [Fact]
    public async Task The_host_admin_api_runs_Heartbeat_now_with_the_master_key_and_health_reports_it()
    {
        using var http = app.CreateClient();
        var before = DateTimeOffset.UtcNow;
        using var refused = await http.PostAsync("/admin/functions/Heartbeat", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var run = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/Heartbeat") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        run.Headers.Add("x-functions-key", WorkerFixture.AdminKey);
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(run)).StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonNode health;
        while (true)
        {
            health = JsonNode.Parse(await http.GetStringAsync("/api/health"))!;
            if (health["heartbeat"]?["lastRunUtc"]?.GetValue<DateTimeOffset>() >= before) break;
            Assert.True(DateTime.UtcNow < deadline, health.ToJsonString());
            await Task.Delay(100);
        }
        Assert.Equal("ok", health["status"]!.GetValue<string>());
        Assert.Equal("isolated-worker", health["mode"]!.GetValue<string>());
        Assert.Equal("ok", health["heartbeat"]!["status"]!.GetValue<string>());
    }
}
