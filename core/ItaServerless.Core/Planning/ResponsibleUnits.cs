// SPDX-License-Identifier: MIT
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Planning;

/// <summary>
/// Who carries out a measure (ผู้รับผิดชอบ): a list of the organization's unit ids, or every
/// division (ทุกส่วนราชการ), written as the single marker <see cref="EveryDivisionCode"/>.
/// </summary>
public sealed class ResponsibleUnits : IEquatable<ResponsibleUnits>
{
    /// <summary>The marker in the API's list: ["*"] means every division.</summary>
    public const string EveryDivisionCode = "*";

    public const int MaxUnits = 50;

    public static readonly ResponsibleUnits EveryDivision = new(true, []);

    private ResponsibleUnits(bool everyDivision, IReadOnlyList<string> unitIds)
    {
        IsEveryDivision = everyDivision;
        UnitIds = unitIds;
    }

    public bool IsEveryDivision { get; }

    /// <summary>Unit ids in the given order; empty for every division.</summary>
    public IReadOnlyList<string> UnitIds { get; }

    /// <summary>
    /// Rebuilds a stored list: every division, or distinct valid unit ids; the count limit was
    /// checked when it was written and is not applied again.
    /// </summary>
    public static ResponsibleUnits Restore(IReadOnlyList<string?>? units)
    {
        if (units is { Count: 1 } && IsMarker(units[0])) return EveryDivision;
        if (units is null || units.Count == 0 || units.Any(u => !Identifier.IsValid(u)) || units.Distinct(StringComparer.Ordinal).Count() != units.Count)
        {
            throw new Persistence.StoredDataException($"A stored list of responsible units is not one: [{string.Join(", ", units ?? [])}].");
        }
        return new ResponsibleUnits(false, units.Select(u => u!).ToArray());
    }

    /// <summary>
    /// From the API's list: ["*"] (or the Thai ทุกส่วนราชการ) for every division, otherwise
    /// 1–50 distinct unit ids. Errors name "responsible[i]".
    /// </summary>
    public static Validated<ResponsibleUnits> Create(IReadOnlyList<string?>? units, string field = "responsible")
    {
        if (units is null || units.Count == 0) return Validated<ResponsibleUnits>.Fail(TextRules.Required(field));
        if (units.Count == 1 && IsMarker(units[0])) return Validated<ResponsibleUnits>.Ok(EveryDivision);

        var errors = new ErrorCollector();
        if (units.Count > MaxUnits)
        {
            errors.Add(ErrorCodes.TooMany, field, $"ระบุหน่วยงานได้ไม่เกิน {MaxUnits} หน่วย", $"At most {MaxUnits} units.");
        }

        var ids = new List<string>();
        for (var i = 0; i < units.Count; i++)
        {
            var path = FieldPath.Index(field, i);
            if (IsMarker(units[i]))
            {
                errors.Add(ErrorCodes.NotAllowed, path,
                    "ทุกส่วนราชการ ต้องระบุเพียงรายการเดียว", "Every division (*) must be the only entry.");
                continue;
            }

            var id = errors.Take(Identifier.Check(units[i], path));
            if (id is null) continue;
            if (ids.Contains(id, StringComparer.Ordinal))
            {
                errors.Add(ErrorCodes.Duplicate, path, "ระบุหน่วยงานซ้ำ", "This unit is listed twice.");
            }
            else
            {
                ids.Add(id);
            }
        }

        return errors.Result(() => new ResponsibleUnits(false, ids.ToArray()));
    }

    public static ResponsibleUnits Of(params string[] unitIds) => Create(unitIds).Value;

    /// <summary>Must <paramref name="unitId"/> report the measure: it is listed, or every division is?</summary>
    public bool Includes(string unitId) => IsEveryDivision || UnitIds.Contains(unitId, StringComparer.Ordinal);

    public bool Equals(ResponsibleUnits? other) =>
        other is not null && other.IsEveryDivision == IsEveryDivision && other.UnitIds.SequenceEqual(UnitIds);

    public override bool Equals(object? obj) => Equals(obj as ResponsibleUnits);

    public override int GetHashCode() => IsEveryDivision ? 1 : UnitIds.Aggregate(17, (h, id) => HashCode.Combine(h, id));

    public override string ToString() => IsEveryDivision ? EveryDivisionCode : string.Join(",", UnitIds);

    private static bool IsMarker(string? unit) => unit?.Trim() is EveryDivisionCode or Thai.ThaiFormat.EveryDivision;
}
