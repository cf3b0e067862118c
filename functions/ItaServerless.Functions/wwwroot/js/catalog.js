// SPDX-License-Identifier: MIT
// The question catalog of an assessment year (GET /api/orgs/{org}/catalog/{fy}), normalized.
import { api, ApiError, orgPath } from './api.js';
import { domain } from './domain.js';

const cache = new Map();
const missing = new Set();

/** { year, questions: [{ id, indicator, text }], indicators: [{ n, name, tool }] } in catalog order. */
export async function loadCatalog(org, fy) {
  const key = `${org}/${fy}`;
  if (!cache.has(key)) {
    cache.set(key, api('GET', `${orgPath(org)}/catalog/${fy}`).then(({ data }) => normalize(data, fy)).catch((e) => {
      cache.delete(key);
      throw e;
    }));
  }
  return cache.get(key);
}

/** The catalog, or null when the API has no question list for that year (400 unknown_assessment_year). */
export async function loadCatalogOrNull(org, fy) {
  if (missing.has(`${org}/${fy}`)) return null;
  try {
    return await loadCatalog(org, fy);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.errors.some((x) => x.code === 'unknown_assessment_year'))) {
      missing.add(`${org}/${fy}`);
      return null;
    }
    throw e;
  }
}

/**
 * The questionnaire that measures of fiscal year fy answer, as the API checks them: the latest
 * assessment year before fy that has a question list (the API lists them); null when none has.
 */
export async function catalogForMeasures(org, fy) {
  const year = Math.max(...domain().assessmentYears.filter((y) => y < fy));
  return Number.isFinite(year) ? loadCatalogOrNull(org, year) : null;
}

export function normalize(data, fy) {
  const rawQuestions = Array.isArray(data?.questions)
    ? data.questions
    : Object.entries(data?.questions || {}).map(([id, q]) => ({ id, ...(typeof q === 'string' ? { text: q } : q) }));
  const questions = rawQuestions.map((q) => ({
    id: String(q.id ?? q.code),
    indicator: Number(q.indicator ?? q.indicatorNumber),
    text: q.text ?? q.textTh ?? q.name ?? '',
  }));
  const rawIndicators = Array.isArray(data?.indicators) ? data.indicators : [];
  // The indicators are the domain's; the catalog may carry the year's wording.
  const named = new Map(rawIndicators.map((i) => [Number(i.number ?? i.n ?? i.id), i]));
  const indicators = domain().indicators.map((i) => ({
    n: i.number, tool: i.tool, name: named.get(i.number)?.name ?? named.get(i.number)?.nameTh ?? i.nameTh,
  }));
  return { year: data?.year ?? fy, questions, indicators };
}
