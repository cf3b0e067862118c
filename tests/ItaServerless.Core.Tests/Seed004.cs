// SPDX-License-Identifier: MIT
using ItaServerless.Core.Scoring;

namespace ItaServerless.Core.Tests;

/// <summary>
/// Seed 004: เทศบาลตำบลนาคำ's ITA 2568 result as published in its analysis document.
/// The seed printed "o6" twice (both 0) and no o7; the second row is o7 here.
/// Tool scores: the seed splits EIT into two parts (100 and 96.44), so only IIT and OIT are given.
/// </summary>
internal static class Seed004
{
    public static readonly Dictionary<string, decimal> Questions = new()
    {
        ["i1"] = 99.33m, ["i2"] = 100m, ["i3"] = 100m, ["i4"] = 100m, ["i5"] = 99.33m, ["i6"] = 99.33m,
        ["i7"] = 100m, ["i8"] = 100m, ["i9"] = 100m, ["i10"] = 100m, ["i11"] = 100m, ["i12"] = 100m,
        ["i13"] = 100m, ["i14"] = 100m, ["i15"] = 100m,
        ["e1"] = 100m, ["e2"] = 100m, ["e3"] = 100m, ["e4"] = 100m, ["e5"] = 100m, ["e6"] = 100m,
        ["e7"] = 100m, ["e8"] = 100m, ["e9"] = 100m,
        ["o1"] = 0m, ["o2"] = 0m, ["o3"] = 100m, ["o4"] = 50m, ["o5"] = 100m, ["o6"] = 0m, ["o7"] = 0m,
        ["o8"] = 0m, ["o9"] = 100m, ["o10"] = 50m, ["o11"] = 0m, ["o12"] = 0m, ["o13"] = 0m, ["o14"] = 50m,
        ["o15"] = 50m, ["o16"] = 100m, ["o17"] = 100m, ["o18"] = 100m, ["o19"] = 0m, ["o20"] = 100m,
        ["o21"] = 0m, ["o22"] = 100m, ["o23"] = 50m, ["o24"] = 100m, ["o25"] = 100m, ["o26"] = 100m,
        ["o27"] = 100m, ["o28"] = 100m,
    };

    public static readonly Dictionary<string, decimal> Indicators = new()
    {
        ["1"] = 99.78m, ["2"] = 99.55m, ["3"] = 100m, ["4"] = 100m, ["5"] = 100m,
        ["6"] = 98.00m, ["7"] = 99.20m, ["8"] = 97.47m, ["9"] = 38.00m, ["10"] = 80.00m,
    };

    public static readonly Dictionary<string, decimal> Tools = new() { ["IIT"] = 99.87m, ["OIT"] = 59.00m };

    public static AssessmentDraft Draft => new("nakham", 2568, 83.03m, Tools, Indicators, Questions);

    public static Assessment Assessment => Assessment.Create(Draft).Value;
}
