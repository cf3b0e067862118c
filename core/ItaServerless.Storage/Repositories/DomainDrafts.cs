// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Globalization;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Scoring;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// The drafts that recreate a measure or an assessment through their validating factories
/// (Organization, Unit and Official have ToDraft in Core; these two do not yet).
/// </summary>
internal static class DomainDrafts
{
    public static MeasureDraft ToDraft(Measure m) => new(
        m.Plan.Code(),
        m.Number,
        m.Title,
        m.Indicators.Select(i => i.Number).ToArray(),
        m.Questions.Select(q => (string?)q.Value).ToArray(),
        m.Method.Select(s => (string?)s).ToArray(),
        m.Responsible.IsEveryDivision ? [Core.Planning.ResponsibleUnits.EveryDivisionCode] : m.Responsible.UnitIds.Select(u => (string?)u).ToArray(),
        m.Period.IsWholeYear ? null : new PeriodDraft(m.Period.From.ToString(), m.Period.To.ToString()),
        m.FollowUp,
        m.Budget.Amount,
        m.Kind?.Code(),
        m.Dimension);

    public static AssessmentDraft ToDraft(Assessment a) => new(
        a.OrganizationId,
        a.AssessmentYear.Year,
        a.Total.Value,
        a.ToolScores.ToDictionary(p => p.Key.Code(), p => p.Value.Value),
        a.IndicatorScores.ToDictionary(p => p.Key.Number.ToString(CultureInfo.InvariantCulture), p => p.Value.Value),
        a.QuestionScores.ToDictionary(p => p.Key.Value, p => p.Value.Value));
}
