// SPDX-License-Identifier: MIT
namespace ItaServerless.Reports.Fonts;

/// <summary>
/// Where the report font files are. Any TTF of the TH Sarabun family works (TH Sarabun New,
/// TH SarabunPSK, Laksaman); italic faces are optional and fall back to the upright ones.
/// Bound from configuration section "Reports:Fonts".
/// </summary>
public sealed record ThaiFontOptions
{
    public const string LaksamanDirectory = "/usr/share/fonts/truetype/tlwg";

    /// <summary>Laksaman from Debian's fonts-tlwg-laksaman-ttf.</summary>
    public static ThaiFontOptions Laksaman { get; } = new()
    {
        RegularPath = Path.Combine(LaksamanDirectory, "Laksaman.ttf"),
        BoldPath = Path.Combine(LaksamanDirectory, "Laksaman-Bold.ttf"),
        ItalicPath = Path.Combine(LaksamanDirectory, "Laksaman-Italic.ttf"),
        BoldItalicPath = Path.Combine(LaksamanDirectory, "Laksaman-BoldItalic.ttf"),
    };

    public string RegularPath { get; init; } = "";
    public string BoldPath { get; init; } = "";
    public string? ItalicPath { get; init; }
    public string? BoldItalicPath { get; init; }

    /// <summary>Checks that the required files exist; returns the problems (empty when valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Require(string? path, string field, bool required)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                if (required) problems.Add($"{field}: required / ต้องระบุไฟล์ฟอนต์");
            }
            else if (!File.Exists(path)) problems.Add($"{field}: file not found '{path}' / ไม่พบไฟล์ฟอนต์");
        }
        Require(RegularPath, nameof(RegularPath), true);
        Require(BoldPath, nameof(BoldPath), true);
        Require(ItalicPath, nameof(ItalicPath), false);
        Require(BoldItalicPath, nameof(BoldItalicPath), false);
        return problems;
    }
}
