// SPDX-License-Identifier: MIT
using ItaServerless.FunctionsHost.Functions;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace ItaServerless.FunctionsHost.Http;

/// <summary>
/// The route table: one ASP.NET Core endpoint per HTTP function, from the route template and
/// methods the worker reports, so templates, constraints, catch-alls and precedence work as
/// the host's routing does. Rebuilt whenever a worker loads its functions.
/// </summary>
public sealed class FunctionEndpoints : EndpointDataSource
{
    private readonly object _gate = new();
    private IReadOnlyList<Endpoint> _endpoints = [];
    private CancellationTokenSource _changed = new();

    public override IReadOnlyList<Endpoint> Endpoints => _endpoints;

    public override IChangeToken GetChangeToken()
    {
        lock (_gate) return new CancellationChangeToken(_changed.Token);
    }

    public void Update(IEnumerable<HostFunction> functions)
    {
        var endpoints = new List<Endpoint>();
        foreach (var function in functions)
        {
            if (function.Trigger is not HttpTrigger http) continue;
            var builder = new RouteEndpointBuilder(
                context => context.RequestServices.GetRequiredService<HttpForwarding>().HandleAsync(context, function),
                RoutePatternFactory.Parse(http.Route), order: 0)
            {
                DisplayName = $"Functions.{function.Name}",
            };
            if (http.Methods.Count > 0) builder.Metadata.Add(new HttpMethodMetadata(http.Methods));
            endpoints.Add(builder.Build());
        }
        CancellationTokenSource previous;
        lock (_gate)
        {
            _endpoints = endpoints;
            previous = _changed;
            _changed = new CancellationTokenSource();
        }
        previous.Cancel();
    }
}
