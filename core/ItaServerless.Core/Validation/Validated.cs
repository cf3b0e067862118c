// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Validation;

/// <summary>The outcome of a factory: either a valid value or the list of every error found.</summary>
public sealed class Validated<T>
{
    private readonly T? _value;

    private Validated(T? value, IReadOnlyList<ValidationError> errors)
    {
        _value = value;
        Errors = errors;
    }

    public static Validated<T> Ok(T value) => new(value, []);

    public static Validated<T> Fail(IReadOnlyList<ValidationError> errors) =>
        errors.Count == 0
            ? throw new ArgumentException("A failure needs at least one error.", nameof(errors))
            : new(default, errors);

    public static Validated<T> Fail(ValidationError error) => Fail([error]);

    public bool IsValid => Errors.Count == 0;

    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>The value; throws <see cref="ValidationException"/> with all errors when invalid.</summary>
    public T Value => IsValid ? _value! : throw new ValidationException(Errors);

    public bool TryGetValue(out T value)
    {
        value = _value!;
        return IsValid;
    }

    /// <summary>The same outcome with every error's field path placed under <paramref name="prefix"/>.</summary>
    public Validated<T> Under(string prefix) =>
        IsValid ? this : new(default, Errors.Select(e => e.Under(prefix)).ToArray());

    public Validated<TOut> Map<TOut>(Func<T, TOut> map) =>
        IsValid ? Validated<TOut>.Ok(map(_value!)) : Validated<TOut>.Fail(Errors);
}
