// SPDX-License-Identifier: MIT
// Thai formatting: month names, Thai digits, the Buddhist Era, money and percentages. The
// domain's own words (indicators, statuses, plans, …) come from the API: see domain.js.

export const MONTHS = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน',
  'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];

const BUDDHIST_ERA_OFFSET = 543;

/** ค.ศ. → พ.ศ. */
export function toBuddhistYear(commonEraYear) {
  return commonEraYear + BUDDHIST_ERA_OFFSET;
}

/** พ.ศ. → ค.ศ. */
export function toCommonEraYear(buddhistYear) {
  return buddhistYear - BUDDHIST_ERA_OFFSET;
}

/** 6 → "๖" (Thai digits, as official documents write numbers in running text). */
export function thaiDigits(value) {
  return String(value).replace(/[0-9]/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
}

/** "06-15" → "15 มิถุนายน". */
export function dayMonthText(monthDay) {
  const m = /^(\d{2})-(\d{2})$/.exec(monthDay || '');
  return m ? `${Number(m[2])} ${MONTHS[Number(m[1]) - 1]}` : monthDay || '';
}

const bahtFormat = new Intl.NumberFormat('th-TH', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export function baht(value) {
  return value === undefined || value === null ? '–' : bahtFormat.format(Number(value));
}

const percentFormat = new Intl.NumberFormat('th-TH', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export function percent(value) {
  return value === undefined || value === null ? '–' : `ร้อยละ ${percentFormat.format(Number(value))}`;
}

/** A number as scores are written: "95", "94.99". */
export function scoreText(value) {
  return Number.isInteger(Number(value)) ? String(Number(value)) : Number(value).toFixed(2);
}
