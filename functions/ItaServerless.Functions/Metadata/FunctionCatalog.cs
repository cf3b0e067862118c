// SPDX-License-Identifier: MIT
using ItaServerless.Core.Validation;

namespace ItaServerless.Functions.Metadata;

/// <summary>Every function of the script root: one folder per function, each with its function.json.</summary>
public sealed class FunctionCatalog
{
    private readonly Dictionary<string, FunctionDefinition> _byName;

    public FunctionCatalog(IEnumerable<FunctionDefinition> functions)
    {
        _byName = functions.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<FunctionDefinition> All => _byName.Values;

    public FunctionDefinition? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Loads and validates every <c>*/function.json</c> under <paramref name="scriptRoot"/>; throws with all errors when any is invalid.</summary>
    public static FunctionCatalog Load(string scriptRoot)
    {
        var errors = new List<ValidationError>();
        var functions = new List<FunctionDefinition>();
        if (!Directory.Exists(scriptRoot))
            throw new ValidationException([new ValidationError("script_root_missing", scriptRoot, "ไม่พบโฟลเดอร์ของฟังก์ชัน", "The script root folder does not exist.")]);
        foreach (var directory in Directory.EnumerateDirectories(scriptRoot).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(directory, "function.json");
            if (!File.Exists(file)) continue;
            var definition = FunctionJsonReader.Read(Path.GetFileName(directory), File.ReadAllText(file), directory, errors);
            if (definition is not null) functions.Add(definition);
        }
        if (errors.Count > 0) throw new ValidationException(errors);
        return new FunctionCatalog(functions);
    }
}
