// SPDX-License-Identifier: MIT
using System.Text.Json;
using ItaServerless.Functions.Functions;
using ItaServerless.Functions.Invocation;
using ItaServerless.Functions.Metadata;
using ItaServerless.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;

namespace ItaServerless.Functions.Tests;

/// <summary>The function.json files of the app against the Functions host's rules and against the handlers.</summary>
public sealed class ContractTests
{
    private static readonly string SourceFunctions = Path.Combine(RepoPaths.RepoRoot, "functions", "ItaServerless.Functions", "Functions");

    public static TheoryData<string> FunctionFolders()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(SourceFunctions).Where(d => File.Exists(Path.Combine(d, "function.json"))))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    private static List<FunctionRegistration> AppRegistrations() =>
        new ServiceCollection().AddAppFunctions().Where(d => d.ServiceType == typeof(FunctionRegistration))
            .Select(d => (FunctionRegistration)d.ImplementationInstance!).ToList();

    [Theory]
    [MemberData(nameof(FunctionFolders))]
    public void Every_function_json_is_valid_for_its_binding_type(string function)
    {
        var errors = new List<Core.Validation.ValidationError>();
        var definition = FunctionJsonReader.Read(function, File.ReadAllText(Path.Combine(SourceFunctions, function, "function.json")), "", errors);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        Assert.NotNull(definition);
    }

    [Fact]
    public void Every_function_json_has_a_handler_and_every_handler_a_function_json()
    {
        var catalog = FunctionCatalog.Load(SourceFunctions);
        var registrations = AppRegistrations();
        Assert.Equal(catalog.All.Select(f => f.Name).Order(), registrations.Select(r => r.Name).Order());
        foreach (var function in catalog.All)
            Assert.Equal(function.IsHttp, registrations.Single(r => r.Name == function.Name).IsHttp);
        Assert.Contains(catalog.All, f => f.Trigger is TimerTriggerBinding);
    }

    [Fact]
    public void Every_folder_under_Functions_is_a_function()
    {
        foreach (var dir in Directory.EnumerateDirectories(SourceFunctions))
            Assert.True(File.Exists(Path.Combine(dir, "function.json")), $"{dir} has no function.json");
    }

    [Fact]
    public void The_build_output_is_a_script_root_with_host_json_and_the_function_folders()
    {
        var root = AppContext.BaseDirectory;
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "host.json")));
        var handler = host.RootElement.GetProperty("customHandler");
        Assert.Equal("ItaServerless.Functions", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("api", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        var built = FunctionCatalog.Load(root);
        Assert.Equal(FunctionCatalog.Load(SourceFunctions).All.Select(f => f.Name).Order(), built.All.Select(f => f.Name).Order());
    }

    [Fact]
    public void Every_http_function_route_is_served_at_api_route_with_its_methods()
    {
        using var app = new FunctionsApp(connectionString: null, scriptRoot: SourceFunctions);
        var endpoints = app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var http = FunctionCatalog.Load(SourceFunctions).All.Where(f => f.IsHttp).ToList();
        Assert.NotEmpty(http);
        foreach (var function in http)
        {
            var trigger = (HttpTriggerBinding)function.Trigger;
            var served = endpoints.Where(e => e.Metadata.GetMetadata<FunctionEndpointMetadata>()?.FunctionName == function.Name)
                .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(m => m.ToLowerInvariant()).ToHashSet();
            foreach (var method in trigger.Methods)
                Assert.True(served.Contains(method), $"{function.Name}: no {method.ToUpperInvariant()} endpoint for /api/{trigger.Route}");
        }
    }

    /// <summary>
    /// The host forwards a request to the function whose function.json route matches it most
    /// specifically (literal segments before parameters); that must be the function that mapped the endpoint.
    /// </summary>
    [Fact]
    public void The_host_routes_every_api_endpoint_to_the_function_that_serves_it()
    {
        using var app = new FunctionsApp(connectionString: null, scriptRoot: SourceFunctions);
        var templates = FunctionCatalog.Load(SourceFunctions).All.Where(f => f.IsHttp)
            .Select(f => (f.Name, Template: RoutePatternFactory.Parse("api/" + ((HttpTriggerBinding)f.Trigger).Route), Methods: ((HttpTriggerBinding)f.Trigger).Methods))
            .ToList();
        var endpoints = app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<FunctionEndpointMetadata>() is not null).ToList();
        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var owner = endpoint.Metadata.GetMetadata<FunctionEndpointMetadata>()!.FunctionName;
            var path = SamplePath(endpoint.RoutePattern);
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            foreach (var method in methods)
            {
                var candidates = templates.Where(t => t.Methods.Contains(method.ToLowerInvariant()) &&
                    new TemplateMatcher(TemplateParser.Parse(t.Template.RawText!), new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary())).ToList();
                Assert.True(candidates.Count > 0, $"{method} {path} ({owner}) is not covered by any function.json route");
                var best = candidates.OrderByDescending(t => t.Template.PathSegments.Count(s => s.IsSimple && s.Parts[0].IsLiteral))
                    .ThenBy(t => t.Template.Parameters.Count(p => p.IsCatchAll)).First();
                Assert.True(best.Name == owner, $"{method} {path} is served by {owner} but the host would send it to {best.Name}");
            }
        }
    }

    /// <summary>A concrete path for a route pattern: every parameter becomes "x1".</summary>
    private static string SamplePath(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart => "x1",
            _ => "",
        }))));

    [Fact]
    public void Every_non_http_function_answers_at_post_function_name()
    {
        using var app = new FunctionsApp(connectionString: null, scriptRoot: SourceFunctions);
        var endpoints = app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        foreach (var function in FunctionCatalog.Load(SourceFunctions).All.Where(f => !f.IsHttp))
            Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/" + function.Name
                && e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Contains("POST"));
    }
}
