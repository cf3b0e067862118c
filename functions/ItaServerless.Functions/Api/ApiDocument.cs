// SPDX-License-Identifier: MIT
using System.ComponentModel;
using System.Linq.Expressions;
using System.Globalization;
using System.Reflection;
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
                document.Info.License = new() { Name = "MIT", Identifier = "MIT" };
                document.Servers =
                [
                    new OpenApiServer
                    {
                        Url = "{origin}",
                        Description = "The Function app: http://localhost:7071 under scripts/run.sh, https://<its default host name> in Azure.",
                        Variables = new Dictionary<string, OpenApiServerVariable> { ["origin"] = new() { Default = "http://localhost:7071" } },
                    },
                ];
                DescribeTags(document);
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
                .WithTags(TagOf(method.DeclaringType!));
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

    /// <summary>Each tag (a function class) with the <see cref="DescriptionAttribute"/> of its class.</summary>
    private static void DescribeTags(OpenApiDocument document)
    {
        var classes = HttpFunctionCatalog.All.Where(Described).Select(f => f.Method.DeclaringType!).Distinct();
        document.Tags = new HashSet<OpenApiTag>(classes.Select(type => new OpenApiTag
        {
            Name = TagOf(type),
            Description = type.GetCustomAttribute<DescriptionAttribute>()?.Description,
        }).OrderBy(t => t.Name, StringComparer.Ordinal));
    }

    private static string TagOf(Type functionClass) => functionClass.Name.Replace("Function", "", StringComparison.Ordinal);

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
    /// The RFC 9457 problems an operation answers (ApiPipeline and the use cases' refusals), each a shared
    /// response; <c>default</c> stands for the rest (500 with a log reference, 503 when storage is down).
    /// </summary>
    private static async Task DescribeProblemsAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(ApiProblem), null, ct);
        document.AddComponent(nameof(ApiProblem), schema);
        foreach (var (status, description) in Problems)
        {
            document.AddComponent<IOpenApiResponse>(ProblemResponse(status), new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ApiProblem.ContentType] = new() { Schema = new OpenApiSchemaReference(nameof(ApiProblem), document) },
                },
            });
        }
        foreach (var (path, item) in document.Paths ?? [])
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                if (operation.OperationId is not { } id || HttpFunctionCatalog.Find(id) is not { } function) continue;
                operation.Responses ??= [];
                foreach (var status in ProblemsOf(function, method, operation))
                    operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponseReference(ProblemResponse(status), document);
                operation.Responses["default"] = new OpenApiResponseReference(ProblemResponse(0), document);
            }
        }
    }

    private static string ProblemResponse(int status) => status == 0 ? "Problem" : $"Problem{status}";

    private static readonly (int Status, string Description)[] Problems =
    [
        (400, "A bad request: every bad field of the path, query or body is named, with its code and a Thai and an English message (ข้อมูลไม่ถูกต้อง)."),
        (401, "No credentials or unknown ones: send Authorization: Bearer ita.<id>.<secret> or x-functions-key (ไม่ได้ยืนยันตัวตน)."),
        (403, "The credentials do not allow this: another organization, or a role that may not do it (ไม่มีสิทธิ์)."),
        (404, "The organization or the resource does not exist (ไม่พบข้อมูล)."),
        (409, "The change conflicts with what is stored, e.g. it exists already or is in use (ข้อมูลขัดแย้ง)."),
        (412, "If-Match names an older version: read it again and retry with its ETag (ข้อมูลถูกแก้ไขไปแล้ว)."),
        (413, "The body is too large (ข้อมูลมีขนาดใหญ่เกินไป)."),
        (415, "The body is not application/json (ต้องส่งข้อมูลเป็น JSON)."),
        (422, "The Idempotency-Key was used with another body (คีย์นี้ถูกใช้กับคำขออื่นแล้ว)."),
        (428, "The change needs If-Match (or If-None-Match: * to create only) (ต้องระบุเวอร์ชัน)."),
        (0, "Any other problem, e.g. 500 with a reference to quote to the administrator or 503 while storage does not answer (ข้อผิดพลาดอื่น)."),
    ];

    /// <summary>Which problems an operation can answer, from what it takes: parameters, a body, credentials, a version.</summary>
    private static IEnumerable<int> ProblemsOf(HttpFunction function, HttpMethod method, OpenApiOperation operation)
    {
        var hasBody = function.BodyType is not null;
        var hasParameters = function.Route.Contains('{', StringComparison.Ordinal) || operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true;
        var writes = method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Post;
        if (hasBody || hasParameters) yield return 400;
        if (function.Access is not null) { yield return 401; yield return 403; }
        if (function.Route.Contains('{', StringComparison.Ordinal)) yield return 404;
        if (writes) yield return 409;
        if (method == HttpMethod.Put || method == HttpMethod.Delete) { yield return 412; yield return 428; }
        if (hasBody) { yield return 413; yield return 415; }
        if (method == HttpMethod.Post && function.Access is not null && function.Route.Contains("{org}", StringComparison.Ordinal)) yield return 422;
    }
}
