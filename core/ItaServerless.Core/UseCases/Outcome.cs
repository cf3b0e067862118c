// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.UseCases;

/// <summary>What a use case gives back: its result, or the <see cref="UseCases.Refusal"/> that says why not.</summary>
public sealed class Outcome<T>
{
    private readonly T? _value;

    private Outcome(T? value, Refusal? refusal)
    {
        _value = value;
        Refusal = refusal;
    }

    public bool IsOk => Refusal is null;

    public Refusal? Refusal { get; }

    /// <summary>The result; reading it from a refusal is a programming error.</summary>
    public T Value => IsOk ? _value! : throw new InvalidOperationException($"The use case refused: {Refusal}.");

    public static Outcome<T> Ok(T value) => new(value, null);

    public static implicit operator Outcome<T>(T value) => Ok(value);

    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal ?? throw new ArgumentNullException(nameof(refusal)));

    public override string ToString() => IsOk ? $"Ok: {_value}" : $"Refused: {Refusal}";
}

/// <summary>The result of a use case that only does something (a delete).</summary>
public sealed record Done
{
    private Done() { }

    public static Done Value { get; } = new();
}

/// <summary>A record written by a create-or-replace: its value, its new version, and whether it was new.</summary>
public sealed record Saved<T>(T Value, Persistence.EntityVersion Version, bool Created);
