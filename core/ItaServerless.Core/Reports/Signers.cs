// SPDX-License-Identifier: MIT
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;

namespace ItaServerless.Core.Reports;

/// <summary>
/// Data a document needs is missing (no ITA result, no measures, no signer): the request fails at
/// once with this reason, because trying again cannot help until someone records the data.
/// </summary>
public sealed class ReportDataMissingException(string reasonTh, string reasonEn) : Exception(reasonEn)
{
    /// <summary>"ยังไม่มีผลการประเมิน ITA ปี 2568 / no ITA result for 2568".</summary>
    public string Reason { get; } = $"{reasonTh} / {reasonEn}";
}

/// <summary>Who signs, from the organization's officials (ordered by their <see cref="Official.Order"/>).</summary>
public static class Signers
{
    public static Official? First(IEnumerable<Versioned<Official>> officials, OfficialRole role) =>
        officials.Select(o => o.Value).Where(o => o.Role == role).OrderBy(o => o.Order).FirstOrDefault();

    /// <summary>A position may span lines ("รองปลัด… รักษาราชการแทน\nปลัด…").</summary>
    public static string[] Lines(string position) => position.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static Official Require(OrganizationProfile profile, OfficialRole role) =>
        First(profile.Officials, role) ?? throw new ReportDataMissingException(
            $"ยังไม่ได้บันทึกผู้ลงนามตำแหน่ง{role.NameTh()} ({role.Code()}) ของหน่วยงาน",
            $"no official with role {role.Code()} to sign the document");

    /// <summary>Who comments after the drafter: division heads, then the permanent secretary, then (when asked) the executive who orders.</summary>
    public static IReadOnlyList<Official> Chain(OrganizationProfile profile, bool withExecutive) =>
        profile.Officials.Select(o => o.Value)
            .Where(o => o.Role is OfficialRole.DivisionHead or OfficialRole.PermanentSecretary || (withExecutive && o.Role == OfficialRole.Executive))
            .OrderBy(o => o.Role).ThenBy(o => o.Order)
            .ToList();
}
