// SPDX-License-Identifier: MIT
// Thai labels and the Buddhist-Era calendar used by every screen.

export const INDICATORS = [
  { n: 1, tool: 'IIT', name: 'การปฏิบัติหน้าที่' },
  { n: 2, tool: 'IIT', name: 'การใช้งบประมาณ' },
  { n: 3, tool: 'IIT', name: 'การใช้อำนาจ' },
  { n: 4, tool: 'IIT', name: 'การใช้ทรัพย์สินของราชการ' },
  { n: 5, tool: 'IIT', name: 'การแก้ไขปัญหาการทุจริต' },
  { n: 6, tool: 'EIT', name: 'คุณภาพการดำเนินงาน' },
  { n: 7, tool: 'EIT', name: 'ประสิทธิภาพการสื่อสาร' },
  { n: 8, tool: 'EIT', name: 'การปรับปรุงระบบการทำงาน' },
  { n: 9, tool: 'OIT', name: 'การเปิดเผยข้อมูล' },
  { n: 10, tool: 'OIT', name: 'การป้องกันการทุจริต' },
];

export const TOOLS = [
  { code: 'IIT', name: 'แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)' },
  { code: 'EIT', name: 'แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)' },
  { code: 'OIT', name: 'แบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)' },
];

export const ORG_KINDS = [
  { value: 'เทศบาลนคร', label: 'เทศบาลนคร' },
  { value: 'เทศบาลเมือง', label: 'เทศบาลเมือง' },
  { value: 'เทศบาลตำบล', label: 'เทศบาลตำบล' },
  { value: 'อบต.', label: 'องค์การบริหารส่วนตำบล (อบต.)' },
  { value: 'อบจ.', label: 'องค์การบริหารส่วนจังหวัด (อบจ.)' },
  { value: 'other', label: 'อื่น ๆ' },
];

export const ROLES = [
  { value: 'drafter', label: 'ผู้จัดทำ' },
  { value: 'divisionHead', label: 'หัวหน้าส่วนราชการ' },
  { value: 'permanentSecretary', label: 'ปลัด' },
  { value: 'executive', label: 'ผู้บริหาร' },
];

export const STATUSES = [
  { value: 'inProgress', label: 'อยู่ระหว่างดำเนินการ' },
  { value: 'done', label: 'ดำเนินการแล้วเสร็จ' },
  { value: 'cannotDo', label: 'ไม่สามารถดำเนินการได้' },
];
export const WAITING_LABEL = 'รอรายงาน';

export const ROUNDS = [
  { value: '6m', label: 'รอบ ๖ เดือน (ต.ค. – มี.ค.)' },
  { value: '12m', label: 'รอบ ๑๒ เดือน (ทั้งปีงบประมาณ)' },
];

export const PLANS = [
  { value: 'ita', label: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส (ITA)' },
  { value: 'anticorruption', label: 'แผนปฏิบัติการป้องกันการทุจริต' },
];

export const MEASURE_KINDS = [
  { value: 'project', label: 'โครงการ' },
  { value: 'activity', label: 'กิจกรรม' },
  { value: 'measure', label: 'มาตรการ' },
  { value: 'guideline', label: 'แนวปฏิบัติ' },
];

export const CLASSIFICATIONS = {
  maintain: { label: 'รักษาระดับ', css: 'good' },
  raise: { label: 'ยกระดับ', css: 'warn' },
  improve: { label: 'ต้องปรับปรุง', css: 'bad' },
};

export const MONTHS = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน',
  'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];
export const MONTHS_SHORT = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.',
  'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];

/** The fiscal year (พ.ศ.) containing a date: October starts the next year. */
export function fiscalYearOf(date) {
  const be = date.getFullYear() + 543;
  return date.getMonth() >= 9 ? be + 1 : be;
}

/** The 12 months of fiscal year fy as { value: "2568-10", label: "ตุลาคม 2568" }, October first. */
export function fiscalMonths(fy) {
  const out = [];
  for (let i = 0; i < 12; i++) {
    const m = (9 + i) % 12; // 0-based month index
    const year = i < 3 ? fy - 1 : fy;
    out.push({ value: `${year}-${String(m + 1).padStart(2, '0')}`, label: `${MONTHS[m]} ${year}` });
  }
  return out;
}

/** "2568-10" → "ต.ค. 2568". */
export function shortMonth(value) {
  const m = /^(\d{4})-(\d{2})$/.exec(value || '');
  return m ? `${MONTHS_SHORT[Number(m[2]) - 1]} ${m[1]}` : value || '';
}

export function periodText(period) {
  if (!period) return '';
  if (period.wholeYear) return 'ตลอดปีงบประมาณ';
  return `${shortMonth(period.from)} – ${shortMonth(period.to)}`;
}

export function indicatorName(n) {
  const found = INDICATORS.find((i) => i.n === Number(n));
  return found ? found.name : String(n);
}

const bahtFormat = new Intl.NumberFormat('th-TH', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export function baht(value) {
  return value === undefined || value === null ? '–' : bahtFormat.format(Number(value));
}

const percentFormat = new Intl.NumberFormat('th-TH', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export function percent(value) {
  return value === undefined || value === null ? '–' : `ร้อยละ ${percentFormat.format(Number(value))}`;
}

export function labelOf(list, value) {
  const found = list.find((x) => x.value === value);
  return found ? found.label : value;
}

export const DIMENSIONS = [
  { value: '1', label: 'มิติที่ ๑ การสร้างวัฒนธรรมสุจริต' },
  { value: '2', label: 'มิติที่ ๒ การบริหารราชการด้วยความโปร่งใส' },
  { value: '3', label: 'มิติที่ ๓ การส่งเสริมบทบาทและการมีส่วนร่วมของประชาชน' },
  { value: '4', label: 'มิติที่ ๔ การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น' },
];

/** Year choices for fiscal-year selectors: a few years around the current one. */
export function yearOptions(selected) {
  const now = fiscalYearOf(new Date());
  const years = [];
  for (let y = now + 1; y >= now - 4; y--) years.push(y);
  if (!years.includes(selected)) years.push(selected);
  return years.sort((a, b) => b - a).map((y) => ({ value: String(y), label: `ปีงบประมาณ พ.ศ. ${y}` }));
}

/** Responsible units as text: ["*"] → ทุกส่วนราชการ; ids → names. */
export function responsibleText(ids, units) {
  return (ids || []).map((id) => (id === '*' ? 'ทุกส่วนราชการ' : units.find((u) => u.id === id)?.name || id)).join(', ');
}
