// SPDX-License-Identifier: MIT
namespace ItaServerless.Reports.Documents;

/// <summary>Where an organization is, as document headings print it.</summary>
internal static class Places
{
    /// <summary>
    /// "อำเภอศรีสงคราม จังหวัดนครพนม" from the names stored without their prefix; a name already
    /// carrying one (เขตบางรัก, กรุงเทพมหานคร) is printed as given. Empty parts are left out.
    /// </summary>
    public static string Location(string? district, string? province)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(district))
            parts.Add(Prefixed(district.Trim(), "อำเภอ", "อำเภอ", "เขต", "กิ่งอำเภอ"));
        if (!string.IsNullOrWhiteSpace(province))
            parts.Add(Prefixed(province.Trim(), "จังหวัด", "จังหวัด", "กรุงเทพมหานคร"));
        return string.Join(" ", parts);
    }

    private static string Prefixed(string name, string prefix, params string[] alreadyPrefixed) =>
        alreadyPrefixed.Any(p => name.StartsWith(p, StringComparison.Ordinal)) ? name : prefix + name;
}
