// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Validation;

/// <summary>
/// Gathers the errors of every field of one input so that all of them are reported in one pass.
/// Used by the factories of composite types (Measure, Progress, Assessment).
/// </summary>
public sealed class ErrorCollector
{
    private readonly List<ValidationError> _errors = [];

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyList<ValidationError> Errors => _errors;

    public void Add(ValidationError error) => _errors.Add(error);

    public void Add(string code, string field, string messageTh, string messageEn) =>
        _errors.Add(new ValidationError(code, field, messageTh, messageEn));

    /// <summary>
    /// Records the errors of <paramref name="result"/> (if any) and returns its value or default.
    /// For value types default is a real value: use the result only when no error was collected.
    /// </summary>
    public T? Take<T>(Validated<T> result)
    {
        if (result.TryGetValue(out var value)) return value;
        _errors.AddRange(result.Errors);
        return default;
    }

    /// <summary>Builds the value when no error was collected.</summary>
    public Validated<T> Result<T>(Func<T> build) =>
        HasErrors ? Validated<T>.Fail(_errors.ToArray()) : Validated<T>.Ok(build());
}
