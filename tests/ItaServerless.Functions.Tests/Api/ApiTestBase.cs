// SPDX-License-Identifier: MIT
using System.Net;
using ItaServerless.Testing;

namespace ItaServerless.Functions.Tests.Api;

/// <summary>The real program on the run's Azurite, with a fresh organization per test so tests never share data.</summary>
public abstract class ApiTestBase : IDisposable
{
    protected ApiTestBase(AzuriteFixture azurite)
    {
        App = new FunctionsApp(azurite.ConnectionString);
        Anonymous = new ApiClient(App.CreateClient());
        Admin = Anonymous.AsAdmin();
    }

    protected FunctionsApp App { get; }

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
        App.Dispose();
        GC.SuppressFinalize(this);
    }
}
