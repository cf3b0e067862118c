// SPDX-License-Identifier: MIT
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ItaServerless.Functions.Tests.Infra;

/// <summary>
/// infra/ compiled once per test class by the Bicep CLI: main.bicep (the ARM template with its modules
/// nested) and events.bicep (the Event Grid subscription, deployed after the code).
/// </summary>
public sealed partial class CompiledInfra : IDisposable
{
    private readonly JsonDocument? _document;
    private readonly JsonDocument? _events;

    public CompiledInfra()
    {
        Build = BicepCli.Run("build", "infra/main.bicep", "--stdout", "--no-restore");
        if (Build.ExitCode == 0) _document = JsonDocument.Parse(Build.StandardOutput);
        EventsBuild = BicepCli.Run("build", "infra/events.bicep", "--stdout", "--no-restore");
        if (EventsBuild.ExitCode == 0) _events = JsonDocument.Parse(EventsBuild.StandardOutput);
    }

    public BicepRun Build { get; }

    public BicepRun EventsBuild { get; }

    public string Json => Build.StandardOutput;

    public string EventsJson => EventsBuild.StandardOutput;

    public JsonElement Main => _document?.RootElement ?? throw new InvalidOperationException("infra/main.bicep did not compile: " + Build.Report);

    public JsonElement Events => _events?.RootElement ?? throw new InvalidOperationException("infra/events.bicep did not compile: " + EventsBuild.Report);

    /// <summary>The module deployments of main.bicep by deployment name.</summary>
    public IReadOnlyDictionary<string, JsonElement> Modules =>
        Resources(Main).Where(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments")
            .ToDictionary(r => r.GetProperty("name").GetString()!, StringComparer.Ordinal);

    public JsonElement ModuleTemplate(string deployment) => Modules[deployment].GetProperty("properties").GetProperty("template");

    /// <summary>The value main.bicep passes to a module's parameter, as an expression.</summary>
    public ArmExpression Passed(string deployment, string parameter) =>
        ArmExpression.Of(Modules[deployment].GetProperty("properties").GetProperty("parameters").GetProperty(parameter).GetProperty("value"));

    /// <summary>Every resource of every compiled template (main.bicep, its modules, events.bicep).</summary>
    public IEnumerable<JsonElement> AllResources =>
        Resources(Main).Concat(Modules.Keys.SelectMany(m => Resources(ModuleTemplate(m)))).Concat(Resources(Events));

    public static IEnumerable<JsonElement> Resources(JsonElement template) => template.GetProperty("resources").EnumerateArray();

    public static IEnumerable<JsonElement> ResourcesOfType(JsonElement template, string type) =>
        Resources(template).Where(r => r.GetProperty("type").GetString() == type);

    /// <summary>The one resource of that type (and, for child resources, that last name segment).</summary>
    public static JsonElement Resource(JsonElement template, string type, string? childName = null) =>
        Resources(template).Single(r => r.GetProperty("type").GetString() == type
            && (childName is null || r.GetProperty("name").GetString()!.EndsWith($"'{childName}')]", StringComparison.Ordinal)));

    /// <summary>
    /// A template value as text: variables() and parameters() with a default value are substituted; any
    /// other expression must be one <paramref name="known"/> renders (non-null), else the render fails.
    /// </summary>
    public static string Render(JsonElement template, JsonElement value, Func<ArmExpression, string?>? known = null) =>
        Render(template, ArmExpression.Of(value), known);

    public static string Render(JsonElement template, ArmExpression value, Func<ArmExpression, string?>? known = null) =>
        value.Render(e => Resolve(template, e, known));

    private static string? Resolve(JsonElement template, ArmExpression expression, Func<ArmExpression, string?>? known)
    {
        if (known?.Invoke(expression) is { } text) return text;
        if (expression is ArmExpression.Call { Name: "variables" or "parameters", Arguments: [ArmExpression.Text name] } call)
        {
            var section = template.GetProperty(call.Name);
            if (!section.TryGetProperty(name.Value, out var entry)) return null;
            if (call.Name == "parameters" && !entry.TryGetProperty("defaultValue", out entry)) return null;
            return entry.ValueKind == JsonValueKind.String ? Render(template, entry, known) : null;
        }
        return null;
    }

    /// <summary>Every expression in a template: string values and property names in brackets, with all their sub-expressions.</summary>
    public static IEnumerable<ArmExpression> Expressions(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name.StartsWith('[') && property.Name.EndsWith(']') && !property.Name.StartsWith("[[", StringComparison.Ordinal))
                        foreach (var e in Nodes(ArmExpression.Parse(property.Name[1..^1]))) yield return e;
                    foreach (var e in Expressions(property.Value)) yield return e;
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    foreach (var e in Expressions(item)) yield return e;
                break;
            case JsonValueKind.String:
                foreach (var e in Nodes(ArmExpression.Of(element))) yield return e;
                break;
        }
    }

    private static IEnumerable<ArmExpression> Nodes(ArmExpression expression)
    {
        yield return expression;
        var children = expression switch
        {
            ArmExpression.Call call => call.Arguments,
            ArmExpression.Member member => [member.Target],
            ArmExpression.Element element => [element.Target, element.Key],
            _ => (IReadOnlyList<ArmExpression>)[],
        };
        foreach (var child in children)
            foreach (var node in Nodes(child)) yield return node;
    }

    /// <summary>(module, output) when the expression is main.bicep reading a module's output, else null.</summary>
    public static (string Module, string Output)? ModuleOutputOf(ArmExpression expression)
    {
        var m = ModuleOutputRead().Match(expression.ToString());
        return m.Success ? (m.Groups[1].Value, m.Groups[2].Value) : null;
    }

    /// <summary>Function app settings: union(createObject(always set…), if(…, createObject(), createObject(set when given…))).</summary>
    public (IReadOnlyDictionary<string, ArmExpression> Always, ArmExpression.Call Optional) AppSettings
    {
        get
        {
            var config = Resource(ModuleTemplate("functionapp"), "Microsoft.Web/sites/config", "appsettings");
            var union = Assert.IsType<ArmExpression.Call>(ArmExpression.Of(config.GetProperty("properties")));
            Assert.Equal("union", union.Name);
            Assert.Equal(2, union.Arguments.Count);
            return (union.Arguments[0].ObjectEntries(), Assert.IsType<ArmExpression.Call>(union.Arguments[1]));
        }
    }

    public void Dispose()
    {
        _document?.Dispose();
        _events?.Dispose();
    }

    // reference(extensionResourceId(…, 'Microsoft.Resources/deployments', 'storage'), '2025-04-01').outputs.name.value
    [GeneratedRegex(@"^reference\(extensionResourceId\(.*, 'Microsoft\.Resources/deployments', '(\w+)'\), '[\d-]+'\)\.outputs\.(\w+)\.value$")]
    private static partial Regex ModuleOutputRead();
}
