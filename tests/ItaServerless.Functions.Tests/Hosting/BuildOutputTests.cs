// SPDX-License-Identifier: MIT
using System.Reflection;
using System.Text.Json.Nodes;
using ItaServerless.Functions.Functions.Heartbeat;
using ItaServerless.Functions.Functions.PublishReports;
using ItaServerless.Functions.Functions.SendReminders;
using ItaServerless.Functions.Hosting;
using ItaServerless.Functions.Reporting;
using Microsoft.Azure.Functions.Worker;

namespace ItaServerless.Functions.Tests.Hosting;

/// <summary>
/// What `func start` and Azure read from the app's build output (Core Tools cannot be installed here):
/// functions.metadata with every function, its trigger and route; worker.config.json; extensions.json
/// with the blob extension; the isolated worker's host.json; and no custom-handler leftovers.
/// </summary>
public sealed class BuildOutputTests
{
    private static readonly string App = WorkerFixture.AppDirectory;

    private static JsonNode Read(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(App, file)))!;

    private static Dictionary<string, JsonObject> Metadata() =>
        Read("functions.metadata").AsArray().ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!.AsObject());

    private static JsonObject Trigger(JsonObject function) =>
        function["bindings"]!.AsArray().Select(b => b!.AsObject()).Single(b => b["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal));

    [Fact]
    public void Functions_metadata_lists_every_function_of_the_assembly_with_its_entry_point()
    {
        var declared = typeof(AppRegistration).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(f => f.Attribute is not null)
            .ToDictionary(f => f.Attribute!.Name, f => $"{f.Method.DeclaringType!.FullName}.{f.Method.Name}");
        var metadata = Metadata();
        Assert.Equal(declared.Keys.Order(), metadata.Keys.Order());
        foreach (var (name, entryPoint) in declared)
        {
            Assert.Equal(entryPoint, metadata[name]["entryPoint"]!.GetValue<string>());
            Assert.Equal("ItaServerless.Functions.dll", metadata[name]["scriptFile"]!.GetValue<string>());
        }
        Assert.True(metadata.Count >= 50, $"only {metadata.Count} functions");
    }

    [Fact]
    public void Every_http_function_has_its_route_methods_and_level_in_the_metadata()
    {
        var metadata = Metadata();
        foreach (var function in HttpFunctionCatalog.All)
        {
            var trigger = Trigger(metadata[function.Name]);
            Assert.Equal("httpTrigger", trigger["type"]!.GetValue<string>());
            Assert.Equal(function.Route, trigger["route"]!.GetValue<string>());
            Assert.Equal(function.Methods.Select(m => m.ToLowerInvariant()).Order(), trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()).Order());
            // Keys are the app's (admin key, organization tokens): the host lets every request through to it.
            Assert.Equal("Anonymous", trigger["authLevel"]!.GetValue<string>());
        }
        // The site's root leads to the form; everything under /api that no function takes gets a problem body.
        Assert.Equal("{ignored:maxlength(0)?}", Trigger(metadata["Home"])["route"]!.GetValue<string>());
        Assert.Equal("api/{*path}", Trigger(metadata["NotFound"])["route"]!.GetValue<string>());
        Assert.All(HttpFunctionCatalog.All.Where(f => f.Name != "Home"), f => Assert.StartsWith("api/", f.Route, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Heartbeat", HeartbeatFunction.Schedule)]
    [InlineData("SendReminders", SendRemindersFunction.Schedule)]
    [InlineData("PublishReports", PublishReportsFunction.Schedule)]
    public void Timers_keep_their_schedules(string name, string schedule)
    {
        var trigger = Trigger(Metadata()[name]);
        Assert.Equal("timerTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal(schedule, trigger["schedule"]!.GetValue<string>());
    }

    [Fact]
    public void RenderReport_is_an_event_grid_blob_trigger_on_the_request_container()
    {
        var trigger = Trigger(Metadata()["RenderReport"]);
        Assert.Equal("blobTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal($"{ReportFiles.RequestsContainer}/{{name}}", trigger["path"]!.GetValue<string>());
        Assert.Equal("EventGrid", trigger["source"]!.GetValue<string>()); // what Flex Consumption supports
        Assert.Equal("AzureWebJobsStorage", trigger["connection"]!.GetValue<string>());
    }

    [Fact]
    public void The_worker_config_and_the_extensions_are_what_the_host_loads()
    {
        var worker = Read("worker.config.json")["description"]!;
        Assert.Equal("dotnet-isolated", worker["language"]!.GetValue<string>());
        Assert.Equal("ItaServerless.Functions.dll", worker["defaultWorkerPath"]!.GetValue<string>());
        Assert.Equal("true", worker["workerIndexing"]!.GetValue<string>());
        var extensions = Read("extensions.json")["extensions"]!.AsArray().Select(e => e!).ToList();
        var blobs = Assert.Single(extensions, e => e["name"]!.GetValue<string>() == "AzureStorageBlobs");
        Assert.True(File.Exists(Path.Combine(App, blobs["hintPath"]!.GetValue<string>())), blobs["hintPath"]!.GetValue<string>());
    }

    [Fact]
    public void Host_json_is_the_isolated_workers_and_nothing_of_the_custom_handler_remains()
    {
        var host = Read("host.json");
        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Equal("", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        Assert.Null(host["customHandler"]);
        Assert.Null(host["extensionBundle"]); // the worker's extensions.json brings the extensions
        Assert.Empty(Directory.GetFiles(App, "function.json", SearchOption.AllDirectories));
        var source = Path.GetFullPath(Path.Combine(App, "../../../"));
        Assert.DoesNotContain(Directory.GetFiles(source, "function.json", SearchOption.AllDirectories),
            f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(source, "local.settings.example.json")));
    }
}
