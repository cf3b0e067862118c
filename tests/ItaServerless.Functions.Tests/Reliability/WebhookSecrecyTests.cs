// SPDX-License-Identifier: MIT
using System.Net;
using ItaServerless.Functions.Tests.Api;
using ItaServerless.Functions.Tests.Hosting;

namespace ItaServerless.Functions.Tests.Reliability;

/// <summary>The organization's webhook URL is a chat tool's secret (security issue, item 6): reporters never read it.</summary>
[Collection(WorkerFixture.Collection)]
public sealed class WebhookSecrecyTests(WorkerFixture app) : ApiTestBase(app)
{
    [Fact]
    public async Task Only_editors_see_the_webhook_url()
    {
        var (org, editor, _) = await CreateOrgAsync();
        var current = (await editor.GetAsync($"/api/orgs/{org}")).Is(HttpStatusCode.OK);
        var body = current.Json.AsObject().DeepClone().AsObject();
        body.Remove("id");
        body["webhook"] = "https://chat.example.org/hooks/secret-7f3a";
        (await editor.PutAsync($"/api/orgs/{org}", body, current.ETag)).Is(HttpStatusCode.OK);
        var reporter = Anonymous.As((await editor.PostAsync($"/api/orgs/{org}/tokens", new { role = "reporter", name = "ผู้รายงาน" }))
            .Is(HttpStatusCode.Created).Json["token"]!.GetValue<string>());

        Assert.Equal("https://chat.example.org/hooks/secret-7f3a", (await editor.GetAsync($"/api/orgs/{org}")).Is(HttpStatusCode.OK).Json["webhook"]!.GetValue<string>());
        var seen = (await reporter.GetAsync($"/api/orgs/{org}")).Is(HttpStatusCode.OK);
        Assert.Null(seen.Json["webhook"]);
        Assert.DoesNotContain("secret-7f3a", seen.Body!.ToJsonString(), StringComparison.Ordinal);
    }
}
