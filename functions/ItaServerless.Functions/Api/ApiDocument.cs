// SPDX-License-Identifier: MIT
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using ItaServerless.Functions.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ItaServerless.Functions.Api;

/// <summary>On an HTTP function: a query parameter it reads from the request (the API document lists it).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class QueryParameterAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;
}

/// <summary>
/// The OpenAPI document of the HTTP functions, made by ASP.NET Core's generator from the functions'
/// own signatures: each function's route, methods and return type (its typed results), the
/// <see cref="ApiBody{T}"/> it reads and its <see cref="QueryParameterAttribute"/>s. The functions are
/// mapped, never run, in a server-less application built once, the first time the document is asked for.
/// </summary>
public static class ApiDocument
{
    private const string Route = "/openapi.json";

    private static readonly Lazy<Task<byte[]>> Document = new(BuildAsync);

    public static Task<byte[]> JsonAsync(CancellationToken cancellationToken) => Document.Value.WaitAsync(cancellationToken);

    private static async Task<byte[]> BuildAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer(async (document, context, ct) =>
            {
                document.Info.Title = "ITA Serverless API";
                document.Info.Description = "Organizations, ITA results, measures, progress and reports of Thai public bodies. " +
                    "Auth: x-functions-key (admin) or Authorization: Bearer ita.<id>.<secret> (organization token). Errors: RFC 9457 problems.";
                document.Info.License = new() { Name = "MIT" };
                await DescribeProblemsAsync(document, context, ct);
                DescribeAccess(document);
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                foreach (var query in context.Description.ActionDescriptor.EndpointMetadata.OfType<QueryParameterAttribute>())
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = query.Name,
                        In = ParameterLocation.Query,
                        Description = query.Description,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    });
                }
                return Task.CompletedTask;
            });
        });
        await using var app = builder.Build();
        foreach (var function in HttpFunctionCatalog.All.Where(Described))
        {
            var method = function.Method;
            var types = method.GetParameters().Select(p => p.ParameterType).Append(method.ReturnType).ToArray();
            var target = method.IsStatic ? null : RuntimeHelpers.GetUninitializedObject(method.DeclaringType!);
            app.MapMethods("/" + function.Route, function.Methods, method.CreateDelegate(Expression.GetDelegateType(types), target))
                .WithName(function.Name)
                .WithTags(method.DeclaringType!.Name.Replace("Function", "", StringComparison.Ordinal));
        }
        app.MapOpenApi(Route);
        // Registers the mapped endpoints where the generator looks for them (a started app does this when it builds its pipeline).
        app.UseRouting();
        app.UseEndpoints(_ => { });

        var endpoint = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == Route);
        var http = new DefaultHttpContext { RequestServices = app.Services };
        http.Request.Method = HttpMethods.Get;
        using var body = new MemoryStream();
        http.Response.Body = body;
        await endpoint.RequestDelegate!(http);
        return body.ToArray();
    }

    private static bool Described(HttpFunction function) =>
        function.Route.StartsWith("api/", StringComparison.Ordinal) &&
        function.Method.GetCustomAttributes(inherit: false).OfType<IExcludeFromDescriptionMetadata>().All(a => !a.ExcludeFromDescription);

    /// <summary>
    /// Security schemes (an organization token as a bearer token, the admin key in x-functions-key) and, per
    /// operation, what its <see cref="RequiresAttribute"/> asks; a summary from its name; the If-Match and
    /// Idempotency-Key headers the writes take.
    /// </summary>
    private static void DescribeAccess(OpenApiDocument document)
    {
        document.AddComponent<IOpenApiSecurityScheme>(Bearer, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An organization token, ita.<id>.<secret> (editor, reporter or calendar).",
        });
        document.AddComponent<IOpenApiSecurityScheme>(FunctionKey, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiAuthenticator.AdminKeyHeader,
            Description = "The admin key.",
        });
        OpenApiSecurityRequirement Requirement(string scheme) => new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

        foreach (var (method, operation) in (document.Paths ?? []).Values.SelectMany(p => p.Operations ?? []))
        {
            if (operation.OperationId is not { } id || HttpFunctionCatalog.Find(id) is not { } function) continue;
            operation.Summary ??= Humanize(function.Name);
            operation.Security = function.Access?.Need switch
            {
                null => [],
                AccessNeed.Admin => [Requirement(FunctionKey)],
                _ => [Requirement(Bearer), Requirement(FunctionKey)],
            };
            operation.Parameters ??= [];
            if (method == HttpMethod.Put || method == HttpMethod.Delete)
                operation.Parameters.Add(Header("If-Match", "The ETag the change is based on (or * for one that exists); If-None-Match: * creates only.", required: false));
            if (method == HttpMethod.Post && function.Access is not null && function.Route.Contains("{org}", StringComparison.Ordinal))
                operation.Parameters.Add(Header(Idempotency.Header, "Makes a retry safe: the same key and body get the first answer (for a day).", required: false));
        }
    }

    private const string Bearer = "bearer";
    private const string FunctionKey = "functionKey";

    private static OpenApiParameter Header(string name, string description, bool required) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Description = description,
        Required = required,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    /// <summary>"GetRoundSummary" → "Get round summary".</summary>
    private static string Humanize(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>
    /// Every answer an operation does not list is an RFC 9457 problem (ApiMiddleware makes it so),
    /// so the document says it once per operation as its <c>default</c> response.
    /// </summary>
    private static async Task DescribeProblemsAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(ApiProblem), null, ct);
        document.AddComponent(nameof(ApiProblem), schema);
        foreach (var operation in (document.Paths ?? []).Values.SelectMany(p => p.Operations ?? []).Select(o => o.Value))
        {
            operation.Responses ??= [];
            operation.Responses["default"] = new OpenApiResponse
            {
                Description = "An RFC 9457 problem naming every bad field (title in English, titleTh in Thai).",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ApiProblem.ContentType] = new() { Schema = new OpenApiSchemaReference(nameof(ApiProblem), document) },
                },
            };
        }
    }
}
