// SPDX-License-Identifier: MIT
namespace ItaServerless.Reports.Documents;

/// <summary>The documents' way of naming where an organization is, for callers that fill a <c>Location</c> field.</summary>
public static class PlaceNames
{
    /// <summary>"อำเภอศรีสงคราม จังหวัดนครพนม" (see <see cref="Places.Location"/>).</summary>
    public static string Location(string? district, string? province) => Places.Location(district, province);
}
