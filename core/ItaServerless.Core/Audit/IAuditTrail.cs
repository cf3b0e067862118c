// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;

namespace ItaServerless.Core.Audit;

/// <summary>
/// Reads the audit trail that the repositories write together with every change. A chain is the
/// organization's own data (year null: organization, units, officials, tokens) or one fiscal
/// year's plan data (assessment, measures, progress, reports).
/// </summary>
public interface IAuditTrail
{
    /// <summary>Records newest first, at most <paramref name="limit"/>; pass the page's continuation for older ones.</summary>
    Task<AuditPage> ListAsync(string organizationId, FiscalYear? year, int limit, string? continuation, CancellationToken cancellationToken = default);

    /// <summary>
    /// Recomputes the chain (hashes, links, gaps) and checks that every stored entity is in the
    /// state its last audit record gives it.
    /// </summary>
    Task<AuditVerification> VerifyAsync(string organizationId, FiscalYear? year, CancellationToken cancellationToken = default);
}
