// SPDX-License-Identifier: MIT
using ItaServerless.Core.Access;

namespace ItaServerless.Core.Audit;

/// <summary>What kind of caller made a change.</summary>
public enum AuditActorKind
{
    /// <summary>The administrator (admin key).</summary>
    Admin,

    /// <summary>The holder of an organization token.</summary>
    Token,

    /// <summary>The app itself (a timer or blob function, e.g. the report renderer).</summary>
    System,
}

/// <summary>
/// Who made a change, as the audit trail records it: the admin, a token (id and name) or a named
/// system process. Every repository write takes one, so no change is stored without its author.
/// </summary>
public sealed record AuditActor
{
    private AuditActor(AuditActorKind kind, string? tokenId, string name)
    {
        Kind = kind;
        TokenId = tokenId;
        Name = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("An actor has a name.", nameof(name)) : name;
    }

    public static AuditActor Admin { get; } = new(AuditActorKind.Admin, null, "admin");

    public AuditActorKind Kind { get; }

    /// <summary>The token id for <see cref="AuditActorKind.Token"/>, else null.</summary>
    public string? TokenId { get; }

    public string Name { get; }

    public static AuditActor Token(AccessGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return new(AuditActorKind.Token, grant.TokenId, grant.Name);
    }

    /// <summary>The app itself; <paramref name="process"/> names the function ("RenderReport").</summary>
    public static AuditActor System(string process) => new(AuditActorKind.System, null, process);

    /// <summary>Rebuilds a stored actor.</summary>
    public static AuditActor Restore(AuditActorKind kind, string? tokenId, string name) => kind switch
    {
        AuditActorKind.Token when string.IsNullOrEmpty(tokenId) => throw new ArgumentException("A token actor has its token id.", nameof(tokenId)),
        AuditActorKind.Token => new(kind, tokenId, name),
        _ => new(kind, null, name),
    };

    public string KindCode => Kind switch
    {
        AuditActorKind.Admin => "admin",
        AuditActorKind.Token => "token",
        _ => "system",
    };

    public static AuditActorKind ParseKind(string? code) => code switch
    {
        "admin" => AuditActorKind.Admin,
        "token" => AuditActorKind.Token,
        "system" => AuditActorKind.System,
        _ => throw new FormatException($"Unknown audit actor kind \"{code}\"."),
    };

    public override string ToString() => TokenId is null ? $"{KindCode}:{Name}" : $"{TokenId} ({Name})";
}
