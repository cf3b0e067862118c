// SPDX-License-Identifier: MIT
// Progress of each measure in a round (6 or 12 months), and the round summary.
import { h, field, input, select, textarea, button, parseNumber, notice, textOrUndefined, uid } from '../dom.js';
import { api, ApiError, etagOf, getOrNull, orgPath, seg } from '../api.js';
import { showProblem, showSaveError, clearErrors } from '../errors.js';
import { listEditor, textRow } from '../lists.js';
import {
  PLANS, ROUNDS, STATUSES, WAITING_LABEL, fiscalYearOf, periodText, baht, percent, yearOptions, responsibleText, labelOf,
} from '../thai.js';

/** The round a planning officer most likely reports now: Oct → last year's 12 months; Nov–Apr → 6 months; May–Sep → 12 months. */
export function defaultRound(today = new Date()) {
  const fy = fiscalYearOf(today);
  const month = today.getMonth(); // 0 = January
  if (month === 9) return { fy: fy - 1, round: '12m' };
  if (month >= 10 || month <= 3) return { fy, round: '6m' };
  return { fy, round: '12m' };
}

export async function render(root, { session, params, go }) {
  const fallback = defaultRound();
  const fy = Number(params.get('year')) || fallback.fy;
  const round = ROUNDS.some((r) => r.value === params.get('round')) ? params.get('round') : fallback.round;
  const plan = params.get('plan') === 'anticorruption' ? 'anticorruption' : 'ita';
  const org = orgPath(session.org);

  const yearSel = select(yearOptions(fy), String(fy));
  const roundSel = select(ROUNDS, round);
  const planSel = select(PLANS, plan);
  const change = () => go('progress', { year: yearSel.value, round: roundSel.value, plan: planSel.value });
  [yearSel, roundSel, planSel].forEach((s) => s.addEventListener('change', change));
  root.append(h('h1', {}, 'รายงานผลการดำเนินงาน'),
    h('div', { class: 'toolbar' }, field('ปีงบประมาณ', yearSel), field('รอบการรายงาน', roundSel), field('แผน', planSel)));

  const summaryBox = h('section', { class: 'round-summary', 'aria-labelledby': 'summary-h' });
  root.append(summaryBox);
  const refreshSummary = async () => {
    const answer = await getOrNull(`${org}/years/${fy}/rounds/${round}/summary?plan=${plan}`);
    renderSummary(summaryBox, answer?.data, { fy, round, plan });
  };

  const [unitsAnswer, measuresAnswer] = await Promise.all([
    api('GET', `${org}/units`),
    api('GET', `${org}/years/${fy}/measures?plan=${plan}`),
  ]);
  const units = unitsAnswer.data?.items || [];
  let measures = (measuresAnswer.data?.items || []).slice().sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
  if (session.unit) {
    measures = measures.filter((m) => (m.responsible || []).some((r) => r === '*' || r === session.unit));
    root.append(h('p', { class: 'hint' }, `แสดงเฉพาะมาตรการที่ ${responsibleText([session.unit], units)} รับผิดชอบ`));
  }
  await refreshSummary();
  if (!measures.length) {
    root.append(h('p', { class: 'empty' }, `ยังไม่มีมาตรการของปีงบประมาณ พ.ศ. ${fy} ที่ต้องรายงาน`));
    return;
  }
  // One request for the round's reports; a measure without one is waiting (รอรายงาน).
  const { data: reported } = await api('GET', `${org}/years/${fy}/rounds/${round}/progress`);
  const byMeasure = new Map((reported?.items || []).map((p) => [p.measure, { data: p, etag: etagOf(p) }]));
  const list = h('div', { class: 'progress-list' });
  measures.forEach((m) => list.append(progressCard(m, byMeasure.get(m.id), { org, fy, round, units, refreshSummary, go, plan })));
  root.append(h('h2', {}, `มาตรการ ${measures.length} รายการ`), list);
}

function statusBadge(status) {
  const css = { inProgress: 'warn', done: 'good', cannotDo: 'bad' }[status] || 'wait';
  return h('span', { class: `badge ${css}`, dataset: { status: status || 'waiting' } }, status ? labelOf(STATUSES, status) : WAITING_LABEL);
}

function progressCard(m, report, { org, fy, round, units, refreshSummary, go, plan }) {
  const path = `${org}/years/${fy}/measures/${seg(m.id)}/progress/${round}`;
  const p = report?.data || {};
  let etag = report?.etag;
  const badgeSlot = h('span', { class: 'badge-slot' }, statusBadge(p.status));

  const status = select([{ value: '', label: '— เลือกสถานะ —' }, ...STATUSES], p.status || '');
  const reason = textarea({ rows: 2, value: p.reason || '' });
  const reasonField = field('เหตุผลที่ไม่สามารถดำเนินการได้', reason, { field: 'reason', required: true });
  const syncReason = () => { reasonField.hidden = status.value !== 'cannotDo'; };
  status.addEventListener('change', syncReason);
  syncReason();
  const result = textarea({ rows: 3, value: p.result || '' });
  const outcome = textarea({ rows: 2, value: p.outcome || '' });
  const recommendation = textarea({ rows: 2, value: p.recommendation || '' });
  const problems = textarea({ rows: 2, value: p.problems || '' });
  const disbursed = input({ inputmode: 'decimal', value: p.disbursed ?? '', class: 'short' });
  const reporterName = input({ value: p.reporter?.name || '', autocomplete: 'name' });
  const reporterPosition = input({ value: p.reporter?.position || '' });
  const evidence = listEditor({
    field: 'evidence', legend: 'ลิงก์หลักฐาน (เช่น หน้าเว็บไซต์ที่เผยแพร่)', items: p.evidence || [],
    newItem: () => '', renderRow: textRow('url'), rowLabel: (i) => `ลิงก์ที่ ${i + 1}`, addLabel: 'เพิ่มลิงก์', reorder: false,
  });

  const form = h('form', { class: 'progress-form', novalidate: true },
    field('สถานะ', status, { field: 'status', required: true }),
    reasonField,
    field('ผลการดำเนินการ', result, { field: 'result' }),
    field('ผลลัพธ์หรือความสำเร็จ', outcome, { field: 'outcome' }),
    h('div', { class: 'grid2' },
      field('ปัญหา อุปสรรค', problems, { field: 'problems' }),
      field('ข้อเสนอแนะ', recommendation, { field: 'recommendation' })),
    field(`เบิกจ่าย (บาท) — ${Number(m.budget) ? `งบประมาณ ${baht(m.budget)} บาท` : 'ไม่ใช้งบประมาณ'}`, disbursed, { field: 'disbursed' }),
    h('div', { class: 'grid2' },
      field('ผู้รายงาน (ชื่อ-สกุล)', reporterName, { field: 'reporter.name' }),
      field('ตำแหน่ง', reporterPosition, { field: 'reporter.position' })),
    evidence.el,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'บันทึกผล')));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const errors = [];
    if (!status.value) errors.push({ field: 'status', th: 'กรุณาเลือกสถานะ' });
    if (status.value === 'cannotDo' && !reason.value.trim()) errors.push({ field: 'reason', th: 'กรุณาระบุเหตุผลที่ไม่สามารถดำเนินการได้' });
    const amount = parseNumber(disbursed.value);
    if (Number.isNaN(amount)) errors.push({ field: 'disbursed', th: 'กรุณากรอกเป็นตัวเลข เช่น 12500 หรือ 12,500.50' });
    if (errors.length) {
      showProblem(form, new ApiError(400, { titleTh: 'กรุณาตรวจสอบข้อมูล', errors }));
      return;
    }
    const body = { status: status.value };
    if (status.value === 'cannotDo') body.reason = reason.value.trim();
    for (const [key, el] of Object.entries({ result, outcome, recommendation, problems })) {
      const v = textOrUndefined(el);
      if (v !== undefined) body[key] = v;
    }
    if (amount !== undefined) body.disbursed = amount;
    const reporter = {};
    if (reporterName.value.trim()) reporter.name = reporterName.value.trim();
    if (reporterPosition.value.trim()) reporter.position = reporterPosition.value.trim();
    if (Object.keys(reporter).length) body.reporter = reporter;
    evidence.compact((v) => v === '');
    const links = evidence.values();
    if (links.length) body.evidence = links;
    try {
      const saved = await api('PUT', path, etag ? { body, etag } : { body });
      etag = saved.etag;
      badgeSlot.replaceChildren(statusBadge(body.status));
      notice(form, 'บันทึกผลแล้ว');
      await refreshSummary();
    } catch (e) {
      showSaveError(form, e, () => go('progress', { year: fy, round, plan, reload: Date.now() }));
    }
  });

  const headingId = uid('m');
  return h('details', { class: 'card progress-card', dataset: { measure: m.id }, open: !p.status },
    h('summary', { id: headingId },
      h('span', { class: 'm-no' }, `${m.number ?? ''}.`), h('span', { class: 'm-title' }, m.title), badgeSlot),
    h('p', { class: 'hint' }, `ผู้รับผิดชอบ: ${responsibleText(m.responsible, units)} · ระยะเวลา: ${m.period?.text || periodText(m.period)}`),
    form);
}

function renderSummary(box, s, { fy, round }) {
  box.replaceChildren(h('h2', { id: 'summary-h' }, `สรุปผล${labelOf(ROUNDS, round).replace(/ \(.*\)$/, '')} ปีงบประมาณ พ.ศ. ${fy}`));
  if (!s) {
    box.append(h('p', { class: 'empty' }, 'ยังไม่มีข้อมูลสรุป'));
    return;
  }
  // data-stat names the summary field each figure shows (the tests compare them with the API's answer).
  const stat = (key, label, value, css = '', extra) => h('div', { class: `stat ${css}`, dataset: { stat: key } },
    h('span', { class: 'stat-label' }, label), h('span', { class: 'stat-value' }, value), extra || null);
  box.append(h('div', { class: 'summary-cards' },
    stat('total', 'มาตรการทั้งหมด', `${s.total ?? 0}`),
    stat('waiting', WAITING_LABEL, `${s.waiting ?? 0}`, 'wait'),
    stat('inProgress', 'อยู่ระหว่างดำเนินการ', `${s.inProgress ?? 0}`, 'warn'),
    stat('done', 'ดำเนินการแล้วเสร็จ', `${s.done ?? 0}`, 'good'),
    stat('cannotDo', 'ไม่สามารถดำเนินการได้', `${s.cannotDo ?? 0}`, 'bad'),
    stat('implementedPercent', 'นำไปปฏิบัติแล้ว', percent(s.implementedPercent), '', s.implementationLevelTh ? h('span', {}, `ระดับ${s.implementationLevelTh}`) : null),
    stat('budget', 'งบประมาณ (บาท)', baht(s.budget)),
    stat('disbursed', 'เบิกจ่าย (บาท)', baht(s.disbursed), '', h('span', { dataset: { stat: 'disbursedPercent' } }, percent(s.disbursedPercent)))));
}
