// SPDX-License-Identifier: MIT
using System.Net;
using ItaServerless.Functions.Tests.Api;
using ItaServerless.Functions.Tests.Audit;
using ItaServerless.Functions.Tests.Hosting;

namespace ItaServerless.Functions.Tests.Reliability;

/// <summary>
/// Idempotency-Key as an attacker and as a double-clicking user try it (security issue, items 1 and 4):
/// a saved answer goes only to the caller who got it, a new token is never shown twice, a large
/// answer is replayed by reference, never by a second write.
/// </summary>
[Collection(WorkerFixture.Collection)]
public sealed class IdempotencySecurityTests(WorkerFixture app) : ApiTestBase(app)
{
    [Fact]
    public async Task A_saved_answer_is_never_given_to_another_caller_and_a_new_token_never_twice()
    {
        var (org, editor, _) = await CreateOrgAsync();
        var (_, otherOrgEditor, _) = await CreateOrgAsync();
        var reporter = Anonymous.As((await editor.PostAsync($"/api/orgs/{org}/tokens", new { role = "reporter", name = "ผู้รายงาน" }))
            .Is(HttpStatusCode.Created).Json["token"]!.GetValue<string>());
        var body = new { role = "editor", name = "ผู้แก้ไขคนที่สอง" };
        var issued = (await editor.WithIdempotencyKey("k-1").PostAsync($"/api/orgs/{org}/tokens", body)).Is(HttpStatusCode.Created);
        var secret = issued.Json["token"]!.GetValue<string>();

        // Without credentials, with another organization's token, with a reporter token: refused before any replay.
        (await Anonymous.WithIdempotencyKey("k-1").PostAsync($"/api/orgs/{org}/tokens", body)).Is(HttpStatusCode.Unauthorized);
        (await otherOrgEditor.WithIdempotencyKey("k-1").PostAsync($"/api/orgs/{org}/tokens", body)).Is(HttpStatusCode.Unauthorized);
        (await reporter.WithIdempotencyKey("k-1").PostAsync($"/api/orgs/{org}/tokens", body)).Is(HttpStatusCode.Forbidden);
        // Nor does another body with the key tell them anything.
        (await Anonymous.WithIdempotencyKey("k-1").PostAsync($"/api/orgs/{org}/tokens", new { role = "reporter", name = "x" })).Is(HttpStatusCode.Unauthorized);

        // The same editor's retry creates nothing and does not show the secret again.
        var retry = (await editor.WithIdempotencyKey("k-1").PostAsync($"/api/orgs/{org}/tokens", body)).IsProblem(HttpStatusCode.Conflict, "Idempotency-Key", "secret_not_replayed");
        Assert.DoesNotContain(secret, retry.Body!.ToJsonString(), StringComparison.Ordinal);
        var tokens = (await editor.GetAsync($"/api/orgs/{org}/tokens")).Is(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Single(tokens, t => t!["name"]!.GetValue<string>() == "ผู้แก้ไขคนที่สอง");

        // Keys are per caller: the second editor's own request with the same key is its own.
        var second = Anonymous.As(secret);
        var measure = AuditTrailTests.Measure("มาตรการของผู้แก้ไขคนที่สอง");
        var first = (await editor.WithIdempotencyKey("k-2").PostAsync($"/api/orgs/{org}/years/2569/measures", measure)).Is(HttpStatusCode.Created);
        var theirs = (await second.WithIdempotencyKey("k-2").PostAsync($"/api/orgs/{org}/years/2569/measures", measure)).Is(HttpStatusCode.Created);
        Assert.NotEqual(first.Json["id"]!.GetValue<string>(), theirs.Json["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_large_answer_is_replayed_as_a_see_other_to_what_the_first_request_created()
    {
        var (org, editor, _) = await CreateOrgAsync();
        // 12 steps of 2,000 Thai letters: an answer of about 72 KB, more than a table property holds.
        var measure = new
        {
            plan = "ita", title = "มาตรการที่มีรายละเอียดมาก", indicators = new[] { 9 }, responsible = new[] { "*" }, period = new { wholeYear = true },
            method = Enumerable.Range(1, 12).Select(i => new string('ก', 1990) + i).ToArray(),
        };
        var created = (await editor.WithIdempotencyKey("big-1").PostAsync($"/api/orgs/{org}/years/2569/measures", measure)).Is(HttpStatusCode.Created);
        var location = created.Location!;
        var again = await editor.WithIdempotencyKey("big-1").PostAsync($"/api/orgs/{org}/years/2569/measures", measure);
        Assert.Equal(HttpStatusCode.SeeOther, again.Status);
        Assert.Equal(location, again.Location);
        var items = (await editor.GetAsync($"/api/orgs/{org}/years/2569/measures")).Is(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Single(items);
        Assert.Equal(12, (await editor.GetAsync(location)).Is(HttpStatusCode.OK).Json["method"]!.AsArray().Count);
    }
}
