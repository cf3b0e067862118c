// SPDX-License-Identifier: MIT
// The question catalog of an assessment year (GET /api/orgs/{org}/catalog/{fy}), normalized.
import { api, ApiError, orgPath } from './api.js';
import { INDICATORS } from './thai.js';

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
 * The questionnaire that measures of fiscal year fy answer, as the API checks them: last year's
 * assessment, or the latest earlier year that has a question list (a few years back at most).
 */
export async function catalogForMeasures(org, fy) {
  for (let year = fy - 1; year >= fy - 4; year--) {
    const catalog = await loadCatalogOrNull(org, year);
    if (catalog) return catalog;
  }
  return null;
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
  // The ten indicators are fixed; the catalog may carry the year's wording.
  const named = new Map(rawIndicators.map((i) => [Number(i.number ?? i.n ?? i.id), i]));
  const indicators = INDICATORS.map((i) => ({ ...i, name: named.get(i.n)?.name ?? named.get(i.n)?.nameTh ?? i.name }));
  return { year: data?.year ?? fy, questions, indicators };
}
