// SPDX-License-Identifier: AGPL-3.0-or-later
// The question catalog of an assessment year (GET /api/orgs/{org}/catalog/{fy}), normalized.
import { api, orgPath } from './api.js';
import { INDICATORS } from './thai.js';

const cache = new Map();

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
