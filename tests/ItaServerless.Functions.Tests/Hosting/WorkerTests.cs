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
        Assert.Contains("lang=\"th\"", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
