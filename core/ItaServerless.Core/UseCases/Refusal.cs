// SPDX-License-Identifier: MIT
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.UseCases;

/// <summary>Why a use case did not do what it was asked; each kind is one answer of the API.</summary>
public enum RefusalKind
{
    /// <summary>Fields of the input break rules; every one is named (400 validation).</summary>
    Invalid,

    /// <summary>A well-formed input asks for a change that is not allowed, e.g. a new number for a measure (400).</summary>
    NotAllowed,

    /// <summary>What the request addresses does not exist (404).</summary>
    NotFound,

    /// <summary>The caller may not do this here (403).</summary>
    Forbidden,

    /// <summary>The change collides with what is stored, e.g. a number already taken (409).</summary>
    Conflict,

    /// <summary>A change of an existing record without the version it was based on (428).</summary>
    VersionRequired,

    /// <summary>The version given is not the current one, or a create-only write found the record (412).</summary>
    VersionMismatch,

    /// <summary>An idempotency key already names another request (422).</summary>
    KeyReused,

    /// <summary>The body could not be read; the adapter that read it knows why and answers.</summary>
    Unreadable,
}

/// <summary>
/// A refusal with what the caller needs to fix it: the errors (field, code, Thai and English) or, for
/// <see cref="RefusalKind.NotFound"/>, what was not found ("The measure" / "มาตรการนี้").
/// </summary>
public sealed record Refusal
{
    private Refusal(RefusalKind kind, IReadOnlyList<ValidationError> errors, string? subject = null, string? subjectTh = null)
    {
        Kind = kind;
        Errors = errors;
        Subject = subject;
        SubjectTh = subjectTh;
    }

    public RefusalKind Kind { get; }

    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>What was not found, in English ("The measure").</summary>
    public string? Subject { get; }

    /// <summary>What was not found, in Thai, to follow ไม่พบ ("มาตรการนี้").</summary>
    public string? SubjectTh { get; }

    public static Refusal Invalid(IReadOnlyList<ValidationError> errors) =>
        errors.Count > 0 ? new(RefusalKind.Invalid, errors) : throw new ArgumentException("A refusal names at least one error.", nameof(errors));

    public static Refusal NotAllowed(ValidationError error) => new(RefusalKind.NotAllowed, [error]);

    public static Refusal NotFound(string subject, string subjectTh) => new(RefusalKind.NotFound, [], subject, subjectTh);

    public static Refusal Forbidden { get; } = new(RefusalKind.Forbidden, []);

    public static Refusal Conflict(ValidationError error) => new(RefusalKind.Conflict, [error]);

    public static Refusal VersionRequired(ValidationError error) => new(RefusalKind.VersionRequired, [error]);

    public static Refusal VersionMismatch(ValidationError error) => new(RefusalKind.VersionMismatch, [error]);

    public static Refusal KeyReused(ValidationError error) => new(RefusalKind.KeyReused, [error]);

    public static Refusal Unreadable { get; } = new(RefusalKind.Unreadable, []);

    public override string ToString() =>
        Kind == RefusalKind.NotFound ? $"{Kind}: {Subject}" : $"{Kind}: {string.Join("; ", Errors)}";
}
