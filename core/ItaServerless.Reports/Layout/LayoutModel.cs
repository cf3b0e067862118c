// SPDX-License-Identifier: MIT
using ItaServerless.Reports.Text;

namespace ItaServerless.Reports.Layout;

public enum TextAlign { Left, Center, Right }

/// <summary>A4 page and its margins, in points (1 cm = 72 / 2.54 pt).</summary>
public sealed record PageGeometry(double Width, double Height, double MarginLeft, double MarginRight, double MarginTop, double MarginBottom)
{
    public const double PointsPerCentimeter = 72 / 2.54;

    /// <summary>The official memo format (ระเบียบงานสารบรรณ): left 3 cm, right 2 cm, top 2.5 cm, bottom 2 cm.</summary>
    public static PageGeometry A4Memo { get; } = new(595.276, 841.89, Cm(3), Cm(2), Cm(2.5), Cm(2));

    /// <summary>A4 landscape for wide tables: 2 cm left and right, 2.5 cm top, 2 cm bottom.</summary>
    public static PageGeometry A4Landscape { get; } = new(841.89, 595.276, Cm(2), Cm(2), Cm(2.5), Cm(2));

    public double ContentWidth => Width - MarginLeft - MarginRight;
    public double ContentBottom => Height - MarginBottom;
    public double ContentHeight => ContentBottom - MarginTop;

    public static double Cm(double centimeters) => centimeters * PointsPerCentimeter;
}

public sealed record ParagraphStyle
{
    public static ParagraphStyle Body { get; } = new();
    /// <summary>A body paragraph whose first line is indented 2.5 cm, as in official letters.</summary>
    public static ParagraphStyle Indented { get; } = new() { FirstLineIndent = PageGeometry.Cm(2.5) };

    public TextStyle Text { get; init; } = new(16);
    public double FirstLineIndent { get; init; }
    public double LeftIndent { get; init; }
    public TextAlign Align { get; init; } = TextAlign.Left;
    public double SpaceBefore { get; init; }
    public double SpaceAfter { get; init; }
}

/// <summary>Background of a table cell; the classification colours of the ITA analysis.</summary>
public enum CellShade { None, Header, Section, Maintain, Raise, Improve }

public sealed record TableColumn(string Header, double Weight, TextAlign Align = TextAlign.Left);

/// <summary>A mark drawn in a cell (vector graphics, so it does not depend on the font's symbols).</summary>
public enum CellMark { None, Check }

public sealed record TableCell(string Text, bool Bold = false, TextAlign? Align = null, CellShade Shade = CellShade.None, CellMark Mark = CellMark.None)
{
    /// <summary>A cell with only a check mark (✓), centred on its first line.</summary>
    public static TableCell Check { get; } = new("", Mark: CellMark.Check);

    public static implicit operator TableCell(string text) => new(text);
}

/// <summary>A row; a section row has one cell spanning every column.</summary>
public sealed record TableRow(IReadOnlyList<TableCell> Cells, bool IsSection = false)
{
    public static TableRow Of(params TableCell[] cells) => new(cells);

    public static TableRow Section(string text) => new([new TableCell(text, Bold: true, Shade: CellShade.Section)], IsSection: true);
}

public sealed record Table(IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows)
{
    public double FontSize { get; init; } = 14;
    public double CellPadding { get; init; } = 3;

    /// <summary>Rows taller than this share of a page are split at the page end rather than moved to the next page.</summary>
    public double KeepTogetherShare { get; init; } = 0.3;
}

/// <summary>A signature: optional lines above it (a comment or order), then the name in parentheses and the positions.</summary>
public sealed record SignatureBlock(string Name, IReadOnlyList<string> Positions)
{
    public IReadOnlyList<string> Preamble { get; init; } = [];
    public IReadOnlyList<string> Comment { get; init; } = [];
}
