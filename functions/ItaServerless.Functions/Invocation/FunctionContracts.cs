// SPDX-License-Identifier: MIT
namespace ItaServerless.Functions.Invocation;

/// <summary>A timer or blob function: the host posts its payload to <c>POST /{FunctionName}</c>.</summary>
public interface ITriggeredFunction
{
    /// <summary>The folder name of its function.json.</summary>
    static abstract string FunctionName { get; }

    /// <summary>Runs once; an exception marks the invocation failed (the host and the local runtime retry blob functions).</summary>
    Task RunAsync(FunctionInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>An HTTP function: the host forwards the raw request, so it is a set of ASP.NET routes under /api.</summary>
public interface IHttpFunction
{
    /// <summary>The folder name of its function.json.</summary>
    static abstract string FunctionName { get; }

    /// <summary>Maps the routes that its function.json declares (route prefix "api").</summary>
    static abstract void Map(IEndpointRouteBuilder routes);
}

/// <summary>One registered function handler; the contract tests check these against the function.json files.</summary>
public sealed record FunctionRegistration(string Name, Type HandlerType, bool IsHttp, Action<IEndpointRouteBuilder>? MapRoutes);

/// <summary>Marks an endpoint with the HTTP function (function.json folder) that serves it.</summary>
public sealed record FunctionEndpointMetadata(string FunctionName);
