// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Validation;

/// <summary>Thrown by the convenience constructors and parsers; carries every error found at once.</summary>
public sealed class ValidationException : Exception
{
    public ValidationException(IReadOnlyList<ValidationError> errors)
        : base(Describe(errors))
    {
        if (errors.Count == 0) throw new ArgumentException("At least one error is required.", nameof(errors));
        Errors = errors;
    }

    public ValidationException(ValidationError error) : this([error]) { }

    public IReadOnlyList<ValidationError> Errors { get; }

    private static string Describe(IReadOnlyList<ValidationError> errors) =>
        "Invalid input: " + string.Join("; ", errors.Select(e => e.ToString()));
}
