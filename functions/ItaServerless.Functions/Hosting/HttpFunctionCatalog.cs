// SPDX-License-Identifier: MIT
using System.Reflection;
using ItaServerless.Functions.Api;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Options;
using Microsoft.Azure.Functions.Worker;

namespace ItaServerless.Functions.Hosting;

/// <summary>One HTTP function as its attributes declare it: name, route, methods, access, the body it reads.</summary>
public sealed record HttpFunction(string Name, MethodInfo Method, string Route, IReadOnlyList<string> Methods, RequiresAttribute? Access, bool OwnIdempotency,
    bool SecretAnswer)
{
    private static readonly IInlineConstraintResolver Constraints =
        new DefaultInlineConstraintResolver(Options.Create(new RouteOptions()), new ServiceCollection().BuildServiceProvider());

    private readonly RouteTemplate _template = TemplateParser.Parse(Route);
    private TemplateMatcher Matcher => field ??= new TemplateMatcher(_template, new RouteValueDictionary());

    /// <summary>T of the function's <see cref="ApiBody{T}"/> parameter, when it reads a JSON body (read once: requests ask for it).</summary>
    public Type? BodyType { get; } = Method.GetParameters().Select(p => p.ParameterType)
        .FirstOrDefault(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ApiBody<>))?.GetGenericArguments()[0];

    /// <summary>The resource the function answers with (Ok&lt;X&gt;, Created&lt;X&gt; in its typed results), when it has one.</summary>
    public Type? ResourceType { get; } = ResourceOf(Method.ReturnType);

    /// <summary>Whether the route matches the path, its inline constraints included (TemplateMatcher alone ignores them).</summary>
    public bool Matches(PathString path)
    {
        var values = new RouteValueDictionary();
        if (!Matcher.TryMatch(path, values)) return false;
        return _template.Parameters.All(parameter => parameter.InlineConstraints.All(inline =>
            Constraints.ResolveConstraint(inline.Constraint) is not { } constraint ||
            (parameter.IsOptional && values.GetValueOrDefault(parameter.Name!) is null) ||
            constraint.Match(null, null, parameter.Name!, values, RouteDirection.IncomingRequest)));
    }

    private static Type? ResourceOf(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>)) type = type.GetGenericArguments()[0];
        var candidates = type.IsGenericType && type.Name.StartsWith("Results`", StringComparison.Ordinal) ? type.GetGenericArguments() : [type];
        return candidates
            .SelectMany(c => c.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValueHttpResult<>)))
            .Select(i => i.GetGenericArguments()[0])
            .FirstOrDefault(t => t != typeof(ApiProblem));
    }
}

/// <summary>
/// The app's HTTP functions, read once from their <c>[Function]</c> and <c>[HttpTrigger]</c> attributes:
/// the access check, the 404/405 answer, the domain's editable fields and the API document all use it,
/// so none of them keeps a second list of routes.
/// </summary>
public static class HttpFunctionCatalog
{
    private static readonly Lazy<IReadOnlyList<HttpFunction>> Functions = new(() => Read(typeof(HttpFunctionCatalog).Assembly));

    private static readonly Lazy<IReadOnlyDictionary<string, HttpFunction>> ByName =
        new(() => Functions.Value.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase));

    public static IReadOnlyList<HttpFunction> All => Functions.Value;

    public static HttpFunction? Find(string name) => ByName.Value.GetValueOrDefault(name);

    /// <summary>The methods that the routes matching <paramref name="path"/> allow (empty: no route has this path).</summary>
    public static IReadOnlyList<string> MethodsFor(PathString path, string? except = null) => All
        .Where(f => f.Name != except && f.Matches(path))
        .SelectMany(f => f.Methods).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    public static IReadOnlyList<HttpFunction> Read(Assembly assembly) =>
    [
        .. from type in assembly.GetTypes()
           from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
           let function = method.GetCustomAttribute<FunctionAttribute>()
           let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)
           where function is not null && trigger is not null
           orderby function.Name
           select new HttpFunction(function.Name, method, trigger.Route ?? function.Name,
               (trigger.Methods ?? []).Select(m => m.ToUpperInvariant()).ToArray(),
               method.GetCustomAttribute<RequiresAttribute>(), method.GetCustomAttribute<OwnIdempotencyAttribute>() is not null,
               method.GetCustomAttribute<SecretAnswerAttribute>() is not null),
    ];
}
