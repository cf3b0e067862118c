// SPDX-License-Identifier: MIT
using System.Net;
using ItaServerless.Functions.Tests.Api;
using ItaServerless.Functions.Tests.Hosting;
using ItaServerless.Testing;
using Microsoft.AspNetCore.Hosting;

namespace ItaServerless.Functions.Tests.Reliability;

/// <summary>The admin key (security issue, item 9): one too short to be safe opens nothing.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class AdminKeyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_admin_key_shorter_than_32_characters_is_refused_even_when_it_matches()
    {
        const string shortKey = "change-me";
        using var app = new FunctionsApp(azurite.ConnectionString, configure: b => b.UseSetting("ITA_ADMIN_KEY", shortKey));
        var admin = new ApiClient(app.CreateClient()) { AdminKey = shortKey };
        (await admin.PostAsync("/api/orgs", new { id = "org-" + Guid.NewGuid().ToString("N")[..10], name = "อบต.ทดสอบ", kind = "อบต." }))
            .Is(HttpStatusCode.Unauthorized);

        using var safe = new FunctionsApp(azurite.ConnectionString);
        (await new ApiClient(safe.CreateClient()).AsAdmin().PostAsync("/api/orgs", new { id = "org-" + Guid.NewGuid().ToString("N")[..10], name = "อบต.ทดสอบ", kind = "อบต." }))
            .Is(HttpStatusCode.Created);
    }
}
