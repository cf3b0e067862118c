// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Planning;

namespace ItaServerless.Core.Access;

/// <summary>Who is calling: the administrator (admin key) or the holder of one organization's token.</summary>
public sealed record Caller
{
    private Caller(AccessGrant? grant) => Grant = grant;

    public static Caller Admin { get; } = new((AccessGrant?)null);

    public static Caller Holder(AccessGrant grant) => new(grant ?? throw new ArgumentNullException(nameof(grant)));

    /// <summary>The token's grant; null for the administrator.</summary>
    public AccessGrant? Grant { get; }

    public bool IsAdmin => Grant is null;

    /// <summary>The caller as the audit trail records it.</summary>
    public AuditActor Actor => Grant is null ? AuditActor.Admin : AuditActor.Token(Grant);

    public bool CanRead(string organizationId) => Grant?.CanRead(organizationId) ?? true;

    public bool CanReadCalendar(string organizationId) => Grant?.CanReadCalendar(organizationId) ?? true;

    /// <summary>A calendar-only token (its secret travels in URLs).</summary>
    public bool IsCalendarOnly => Grant?.Role == AccessRole.Calendar;

    public bool CanEdit(string organizationId) => Grant?.CanEdit(organizationId) ?? true;

    /// <summary>May it report progress on a measure of <paramref name="organizationId"/> with these responsible units?</summary>
    public bool CanReport(string organizationId, ResponsibleUnits responsible) => Grant?.CanReport(organizationId, responsible) ?? true;
}
