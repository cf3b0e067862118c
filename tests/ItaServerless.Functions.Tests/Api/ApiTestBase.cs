// SPDX-License-Identifier: MIT
using System.Net;
using ItaServerless.Functions.Tests.Hosting;

namespace ItaServerless.Functions.Tests.Api;

/// <summary>The real worker behind the local host (one per collection), with a fresh organization per test so tests never share data.</summary>
public abstract class ApiTestBase : IDisposable
{
    protected ApiTestBase(WorkerFixture app)
    {
        App = app;
        Anonymous = new ApiClient(App.CreateClient());
        Admin = Anonymous.AsAdmin();
    }

    protected WorkerFixture App { get; }

    protected ApiClient Anonymous { get; }

    protected ApiClient Admin { get; }

    protected static string NewOrgId() => "org-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Creates an organization; returns its id, an editor client and the answer.</summary>
    protected async Task<(string Org, ApiClient Editor, ApiAnswer Created)> CreateOrgAsync(string? id = null)
    {
        id ??= NewOrgId();
        var created = (await Admin.PostAsync("/api/orgs", new
        {
            id,
            name = "เทศบาลตำบลนาคำ",
            kind = "เทศบาลตำบล",
            district = "ศรีสงคราม",
            province = "นครพนม",
            documentPrefix = "นพ ๕๒๔๐๑",
        })).Is(HttpStatusCode.Created);
        return (id, Anonymous.As(created.Json["editorToken"]!.GetValue<string>()), created);
    }

    public void Dispose()
    {
        GC.SuppressFinalize(this);
    }
}
