// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ItaServerless.FunctionsHost.Keys;
using ItaServerless.FunctionsHost.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ItaServerless.FunctionsHost.Tests;

[Collection(HostCollection.Name)]
public sealed class HttpTests(HostFixture host)
{
    [Fact]
    public async Task An_anonymous_route_is_answered_by_the_worker()
    {
        using var response = await host.Http.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ok", (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Routes_and_methods_come_from_the_workers_metadata()
    {
        var master = await MasterKeyAsync();
        using var item = await SendAsync(HttpMethod.Get, "api/items/item-42?q=blue", master);
        var body = await item.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, item.StatusCode);
        Assert.Equal("item-42", body!["id"]!.GetValue<string>()); // bound from the route value the host sends
        Assert.Equal("blue", body["query"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("api/items")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("api/nothing")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.PostAsync("api/health", null)).StatusCode); // GET only: no route, as in the host
    }

    [Fact]
    public async Task A_function_level_route_needs_a_function_host_or_master_key()
    {
        var functionKey = (await Keys.FunctionSecretsAsync("GetItem", default)).Keys.Single().Value;
        var hostKey = (await Keys.HostSecretsAsync(default)).FunctionKeys.Single().Value;

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "api/items/1", key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "api/items/1", "not-a-key")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "api/items/1", functionKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync($"api/items/1?code={Uri.EscapeDataString(functionKey)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "api/items/1", hostKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "api/items/1", await MasterKeyAsync())).StatusCode);
        // Another function's key does not open this one.
        var otherKey = (await Keys.FunctionSecretsAsync("OpsStats", default)).Keys.Single().Value;
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "api/items/1", otherKey)).StatusCode);
    }

    [Fact]
    public async Task An_admin_level_route_needs_the_master_key()
    {
        var functionKey = (await Keys.FunctionSecretsAsync("OpsStats", default)).Keys.Single().Value;

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "api/ops/stats", key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "api/ops/stats", functionKey)).StatusCode);
        using var post = await SendAsync(HttpMethod.Post, "api/ops/stats", await MasterKeyAsync());
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal("POST", (await post.Content.ReadFromJsonAsync<JsonObject>())!["method"]!.GetValue<string>());
    }

    [Fact]
    public async Task Keys_are_kept_where_the_functions_host_keeps_them()
    {
        var master = await MasterKeyAsync();
        await Keys.FunctionSecretsAsync("GetItem", default);
        var container = host.Blobs.GetBlobContainerClient(RuntimePaths.SecretsContainer);

        var hostJson = JsonNode.Parse((await container.GetBlobClient($"{host.Options.HostId}/host.json").DownloadContentAsync()).Value.Content.ToString())!;
        var functionJson = JsonNode.Parse((await container.GetBlobClient($"{host.Options.HostId}/getitem.json").DownloadContentAsync()).Value.Content.ToString())!;

        Assert.Equal(master, hostJson["masterKey"]!["value"]!.GetValue<string>());
        Assert.Equal("master", hostJson["masterKey"]!["name"]!.GetValue<string>());
        Assert.Equal("default", hostJson["functionKeys"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("default", functionJson["keys"]![0]!["name"]!.GetValue<string>());
        Assert.False(functionJson["keys"]![0]!["encrypted"]!.GetValue<bool>());
    }

    private KeyStore Keys => host.Services.GetRequiredService<KeyStore>();

    private Task<string> MasterKeyAsync() => Keys.MasterKeyAsync(default);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.Add(KeyStore.KeyHeader, key);
        return await host.Http.SendAsync(request);
    }
}
