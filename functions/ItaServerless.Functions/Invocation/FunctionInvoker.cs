// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Metadata;

namespace ItaServerless.Functions.Invocation;

/// <summary>The result of one invocation: the answer for the host, and the error when the function failed.</summary>
public sealed record InvocationOutcome(InvocationResponse Response, Exception? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Runs a non-HTTP function by name with a host payload. Both the <c>POST /{FunctionName}</c>
/// endpoint (under the host) and the local runtime (timers, blobs, admin route) come through here.
/// </summary>
public sealed class FunctionInvoker(
    FunctionCatalog catalog,
    IEnumerable<FunctionRegistration> registrations,
    IServiceScopeFactory scopes,
    ILogger<FunctionInvoker> logger)
{
    private readonly Dictionary<string, FunctionRegistration> _handlers =
        registrations.Where(r => !r.IsHttp).ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);

    public FunctionCatalog Catalog { get; } = catalog;

    public bool CanInvoke(string name) => _handlers.ContainsKey(name) && Catalog.Find(name) is { IsHttp: false };

    public async Task<InvocationOutcome> InvokeAsync(string name, InvocationRequest request, CancellationToken cancellationToken)
    {
        var definition = Catalog.Find(name);
        if (definition is null || definition.IsHttp || !_handlers.TryGetValue(name, out var registration))
            throw new KeyNotFoundException($"No non-HTTP function named \"{name}\".");

        var invocation = new FunctionInvocation(definition, request, logger);
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var handler = (ITriggeredFunction)scope.ServiceProvider.GetRequiredService(registration.HandlerType);
            await handler.RunAsync(invocation, cancellationToken);
            return new InvocationOutcome(invocation.Response, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Function {Function} failed", definition.Name);
            invocation.Response.Logs.Add($"Function {definition.Name} failed: {e.GetType().Name}: {e.Message}");
            return new InvocationOutcome(invocation.Response, e);
        }
    }
}
