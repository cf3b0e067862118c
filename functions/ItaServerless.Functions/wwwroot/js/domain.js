// SPDX-License-Identifier: MIT
// The domain's vocabulary as the API defines it (GET /api/domain, loaded once): indicators,
// statuses, plans, rounds, kinds… The form keeps no copy of its own.
import { api } from './api.js';
import { MONTHS, thaiDigits, toBuddhistYear } from './thai.js';

let loading = null;
let vocabulary = null;

/** Loads the vocabulary (once; a failed load is tried again on the next call). */
export function loadDomain() {
  if (!loading) {
    loading = api('GET', '/api/domain', { anonymous: true, cache: 'no-cache' }).then(({ data }) => {
      vocabulary = data;
      return data;
    }).catch((e) => {
      loading = null;
      throw e;
    });
  }
  return loading;
}

/** The loaded vocabulary; main.js loads it before any screen renders. */
export function domain() {
  if (!vocabulary) throw new Error('The domain vocabulary is not loaded.');
  return vocabulary;
}

const options = (terms) => terms.map((t) => ({ value: t.code, label: t.nameTh }));

export const planOptions = () => options(domain().plans);
export const measureKindOptions = () => options(domain().measureKinds);
export const organizationKindOptions = () => options(domain().organizationKinds);
export const roleOptions = () => options(domain().officialRoles);
/** The statuses a report can carry (waiting is the absence of one). */
export const statusOptions = () => options(domain().progressStatuses.filter((s) => s.reportable));
export const dimensionOptions = () => domain().dimensions.map((d) => ({ value: String(d.number), label: `มิติที่ ${thaiDigits(d.number)} ${d.nameTh}` }));
/** A round's name and its months, as the API writes them: "name (period)". */
export const roundOptions = () => domain().rounds.map((r) => ({ value: r.code, label: `${r.nameTh} (${r.periodTh})` }));

export const planName = (code) => domain().plans.find((p) => p.code === code)?.nameTh ?? code;
export const roleName = (code) => domain().officialRoles.find((r) => r.code === code)?.nameTh ?? code;
export const round = (code) => domain().rounds.find((r) => r.code === code);
export const status = (code) => domain().progressStatuses.find((s) => s.code === code);
/** The status of a measure without a report (waiting). */
export const waitingStatus = () => domain().progressStatuses.find((s) => !s.reportable);

export function indicatorName(n) {
  return domain().indicators.find((i) => i.number === Number(n))?.nameTh ?? String(n);
}

/** The fiscal year (พ.ศ.) containing a date. */
export function fiscalYearOf(date) {
  const be = toBuddhistYear(date.getFullYear());
  return date.getMonth() + 1 >= domain().fiscalYearFirstMonth ? be + 1 : be;
}

/** The 12 months of fiscal year fy as { value: "2568-10", label: "ตุลาคม 2568" }, in order. */
export function fiscalMonths(fy) {
  const first = domain().fiscalYearFirstMonth;
  const out = [];
  for (let i = 0; i < 12; i++) {
    const month = ((first - 1 + i) % 12) + 1;
    const year = month >= first && first > 1 ? fy - 1 : fy;
    out.push({ value: `${year}-${String(month).padStart(2, '0')}`, label: `${MONTHS[month - 1]} ${year}` });
  }
  return out;
}

/** Year choices for fiscal-year selectors: a few years around the current one. */
export function yearOptions(selected) {
  const now = fiscalYearOf(new Date());
  const years = [];
  for (let y = now + 1; y >= now - 4; y--) years.push(y);
  if (!years.includes(selected)) years.push(selected);
  return years.sort((a, b) => b - a).map((y) => ({ value: String(y), label: `ปีงบประมาณ พ.ศ. ${y}` }));
}

/** Responsible units as text: the every-division marker → its Thai name; ids → unit names. */
export function responsibleText(ids, units) {
  const every = domain().everyDivision;
  return (ids || []).map((id) => (id === every.code ? every.nameTh : units.find((u) => u.id === id)?.name || id)).join(', ');
}

/**
 * Whether a unit reports a measure: listed in its responsible list, or every division is. The
 * API gives no per-token list; it refuses a report from another unit's token (403) all the same.
 */
export function isResponsible(measure, unit) {
  const ids = measure.responsible || [];
  return ids.includes(domain().everyDivision.code) || ids.includes(unit);
}
