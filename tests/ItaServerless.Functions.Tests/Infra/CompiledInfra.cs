// SPDX-License-Identifier: MIT
using System.Text.Json;

namespace ItaServerless.Functions.Tests.Infra;

/// <summary>infra/main.bicep compiled once per test class by the Bicep CLI: the ARM template with its modules nested.</summary>
public sealed class CompiledInfra : IDisposable
{
    private readonly JsonDocument? _document;

    public CompiledInfra()
    {
        Build = BicepCli.Run("build", "infra/main.bicep", "--stdout", "--no-restore");
        if (Build.ExitCode == 0) _document = JsonDocument.Parse(Build.StandardOutput);
    }

    public BicepRun Build { get; }

    public string Json => Build.StandardOutput;

    public JsonElement Main => _document?.RootElement ?? throw new InvalidOperationException("infra/main.bicep did not compile: " + Build.Report);

    /// <summary>The module deployments of main.bicep by deployment name.</summary>
    public IReadOnlyDictionary<string, JsonElement> Modules =>
        Resources(Main).Where(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments")
            .ToDictionary(r => r.GetProperty("name").GetString()!, StringComparer.Ordinal);

    public JsonElement ModuleTemplate(string deployment) => Modules[deployment].GetProperty("properties").GetProperty("template");

    public static IEnumerable<JsonElement> Resources(JsonElement template) => template.GetProperty("resources").EnumerateArray();

    /// <summary>The one resource of that type (and, for child resources, that last name segment).</summary>
    public static JsonElement Resource(JsonElement template, string type, string? childName = null) =>
        Resources(template).Single(r => r.GetProperty("type").GetString() == type
            && (childName is null || r.GetProperty("name").GetString()!.EndsWith($"'{childName}')]", StringComparison.Ordinal)));

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

    public void Dispose() => _document?.Dispose();
}
