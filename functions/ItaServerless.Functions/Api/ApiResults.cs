// SPDX-License-Identifier: MIT
using System.Reflection;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Converters;

namespace ItaServerless.Functions.Api;

/// <summary>A list answer: <c>{ "items": [...] }</c>, so it can grow paging fields later.</summary>
public sealed record ItemList<T>(IReadOnlyList<T> Items);

public static class ItemList
{
    public static ItemList<T> Of<T>(IEnumerable<T> items) => new(items.ToArray());
}

/// <summary>
/// A problem answer as a typed result, so a handler's return type lists every answer it gives. The API
/// document describes problems once, as every operation's <c>default</c> response (ApiRegistration).
/// </summary>
public sealed class ApiProblemResult(ApiProblem problem) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ApiProblem>, IContentTypeHttpResult
{
    public ApiProblem Value { get; } = problem ?? throw new ArgumentNullException(nameof(problem));

    object? IValueHttpResult.Value => Value;

    public int? StatusCode => Value.Status;

    public string ContentType => ApiProblem.ContentType;

    public Task ExecuteAsync(HttpContext httpContext) =>
        Results.Json(Value, ApiJson.Options, ApiProblem.ContentType, Value.Status).ExecuteAsync(httpContext);
}

/// <summary>A use case's refusal as the handler's answer.</summary>
public static class Refusals
{
    /// <param name="body">The body the use case read, whose own problem answers <see cref="RefusalKind.Unreadable"/>.</param>
    public static ApiProblemResult ToProblem(this Refusal refusal, IApiBody? body = null) => ApiProblem.From(refusal, body).ToResult();
}

/// <summary>The answer to a create-or-replace: 201 with Location when it created, 200 when it replaced; the ETag either way.</summary>
public static class Written
{
    public static Results<Created<T>, Ok<T>, ApiProblemResult> Answer<T>(HttpResponse response, bool created, string location, T resource, EntityVersion version)
    {
        response.SetETag(version);
        return created ? TypedResults.Created(location, resource) : TypedResults.Ok(resource);
    }
}

/// <summary>A request body read by a use case, and why it could not be read.</summary>
public interface IApiBody
{
    ApiProblem? Problem { get; }
}

/// <summary>
/// The JSON body of a write as a function parameter: read only when the use case asks for it
/// (<see cref="Read"/>), so a missing record, right or version is answered first. The worker binds it
/// with <see cref="ApiBodyConverter"/>; declaring it describes the request body in the API document.
/// </summary>
[InputConverter(typeof(ApiBodyConverter))]
public sealed class ApiBody<T> : IApiBody, IEndpointParameterMetadataProvider where T : class
{
    private readonly HttpRequest _request;
    private readonly Type? _resource;

    /// <param name="resource">What the route answers with (its read-only fields are accepted and ignored in the body).</param>
    internal ApiBody(HttpRequest request, Type? resource)
    {
        _request = request;
        _resource = resource;
    }

    public ApiProblem? Problem { get; private set; }

    /// <summary>The body as the use case's <see cref="DraftReader{TDraft}"/>.</summary>
    public DraftReader<T> Read => ReadAsync;

    /// <summary>A body read right away (use cases that take the draft itself): the value, or null with <see cref="Problem"/> set.</summary>
    public async Task<T?> ReadAsync(CancellationToken cancellationToken)
    {
        var body = await ApiJson.ReadAsync<T>(_request, cancellationToken, _resource);
        Problem = body.Problem;
        return body.Value;
    }

    public static ValueTask<ApiBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<ApiBody<T>?>(new ApiBody<T>(context.Request, null));
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(T)));
    }
}

/// <summary>Binds an <see cref="ApiBody{T}"/> parameter of an HTTP function to the request (nothing is read yet).</summary>
public sealed class ApiBodyConverter : IInputConverter
{
    public ValueTask<ConversionResult> ConvertAsync(ConverterContext context)
    {
        var type = context.TargetType;
        if (!IsApiBody(type) || context.FunctionContext.GetHttpContext() is not { } http) return ValueTask.FromResult(ConversionResult.Unhandled());
        var resource = Hosting.HttpFunctionCatalog.Find(context.FunctionContext.FunctionDefinition.Name)?.ResourceType;
        return ValueTask.FromResult(ConversionResult.Success(For(type, http.Request, resource)));
    }

    public static bool IsApiBody(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ApiBody<>);

    /// <summary>The <see cref="ApiBody{T}"/> of <paramref name="type"/> on <paramref name="request"/>, for a route answering with <paramref name="resource"/>.</summary>
    public static object For(Type type, HttpRequest request, Type? resource) =>
        Activator.CreateInstance(type, BindingFlags.Instance | BindingFlags.NonPublic, null, [request, resource], null)!;
}
