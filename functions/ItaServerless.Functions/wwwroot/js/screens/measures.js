// SPDX-License-Identifier: MIT
// Measures of a fiscal year: the list (per plan, by number) and the editor.
import { h, field, input, select, textarea, button, parseNumber, notice, uid } from '../dom.js';
import { api, ApiError, orgPath, seg } from '../api.js';
import { showProblem, showSaveError, clearErrors } from '../errors.js';
import { listEditor, textRow } from '../lists.js';
import { catalogForMeasures } from '../catalog.js';
import { baht } from '../thai.js';
import {
  domain, planOptions, planName, measureKindOptions, dimensionOptions, fiscalYearOf, fiscalMonths, yearOptions, responsibleText,
} from '../domain.js';

export async function render(root, ctx) {
  const { params } = ctx;
  const fy = Number(params.get('year')) || fiscalYearOf(new Date());
  const plans = planOptions();
  const plan = plans.some((p) => p.value === params.get('plan')) ? params.get('plan') : plans[0].value;
  const base = `${orgPath(ctx.session.org)}/years/${fy}/measures`;
  const unitsAnswer = await api('GET', `${orgPath(ctx.session.org)}/units`);
  const units = unitsAnswer.data?.items || [];
  if (params.get('id') || params.get('new')) {
    await renderEditor(root, { ...ctx, fy, plan, base, units, id: params.get('id') });
  } else {
    await renderList(root, { ...ctx, fy, plan, base, units });
  }
}

async function renderList(root, { fy, plan, base, units, go, params }) {
  const yearSel = select(yearOptions(fy), String(fy));
  const planSel = select(planOptions(), plan);
  const change = () => go('measures', { year: yearSel.value, plan: planSel.value });
  yearSel.addEventListener('change', change);
  planSel.addEventListener('change', change);
  root.append(h('h1', {}, 'มาตรการและแผนงาน'),
    h('div', { class: 'toolbar' }, field('ปีงบประมาณ', yearSel), field('แผน', planSel),
      h('div', { class: 'toolbar-action' }, button('+ เพิ่มมาตรการ', () => go('measures', { year: fy, plan, new: '1' }), { id: 'add-measure' }))));
  if (params.has('saved')) root.append(h('p', { class: 'notice ok', role: 'status' }, `บันทึกมาตรการ${params.get('saved') ? `ที่ ${params.get('saved')} ` : ''}แล้ว`));
  const { data } = await api('GET', `${base}?plan=${plan}`);
  const items = (data?.items || []).slice().sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
  if (!items.length) {
    root.append(h('p', { class: 'empty' }, `ยังไม่มี${planName(plan)} ของปีงบประมาณ พ.ศ. ${fy} — กด "เพิ่มมาตรการ" เพื่อเริ่ม`));
    return;
  }
  const total = items.reduce((sum, m) => sum + Math.round(Number(m.budget || 0) * 100), 0) / 100;
  root.append(h('div', { class: 'table-wrap' }, h('table', { class: 'list measures' },
    h('caption', {}, `${planName(plan)} ปีงบประมาณ พ.ศ. ${fy}: ${items.length} รายการ งบประมาณรวม ${baht(total)} บาท`),
    h('thead', {}, h('tr', {}, ['ที่', 'มาตรการ', 'ตัวชี้วัด', 'ผู้รับผิดชอบ', 'ระยะเวลา', 'งบประมาณ (บาท)', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, items.map((m) => h('tr', { dataset: { measure: m.id } },
      h('td', { 'data-label': 'ที่' }, String(m.number ?? '')),
      h('td', { 'data-label': 'มาตรการ', class: 'title' }, m.title),
      h('td', { 'data-label': 'ตัวชี้วัด' }, (m.indicators || []).join(', ')),
      h('td', { 'data-label': 'ผู้รับผิดชอบ' }, responsibleText(m.responsible, units)),
      h('td', { 'data-label': 'ระยะเวลา' }, m.period?.text ?? ''),
      h('td', { 'data-label': 'งบประมาณ', class: 'num' }, Number(m.budget) ? baht(m.budget) : 'ไม่ใช้งบประมาณ'),
      h('td', {}, h('a', { href: `#/measures?${new URLSearchParams({ year: fy, plan, id: m.id })}`, class: 'button small', 'aria-label': `แก้ไขมาตรการที่ ${m.number ?? ''} ${m.title}` }, 'แก้ไข'))))))));
}

async function renderEditor(root, { session, fy, plan: planParam, base, units, id, go }) {
  const existing = id ? await api('GET', `${base}/${seg(id)}`) : null;
  const m = existing?.data || { plan: planParam, method: [''], responsible: [], indicators: [], questions: [] };
  let etag = existing?.etag;
  const idempotencyKey = crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
  // Measures of fiscal year N answer the ITA result of assessment year N − 1 (or the latest earlier list).
  const catalog = await catalogForMeasures(session.org, fy);

  root.append(h('p', {}, h('a', { href: `#/measures?${new URLSearchParams({ year: fy, plan: m.plan })}` }, '← กลับไปรายการมาตรการ')),
    h('h1', {}, id ? `แก้ไขมาตรการที่ ${m.number ?? ''}` : 'เพิ่มมาตรการใหม่'),
    h('p', { class: 'hint' }, `ปีงบประมาณ พ.ศ. ${fy} (ต.ค. ${fy - 1} – ก.ย. ${fy})`));

  const planSel = select(planOptions(), m.plan, { disabled: !!id });
  const number = input({ inputmode: 'numeric', value: m.number ?? '', class: 'short' });
  const title = textarea({ rows: 2, value: m.title || '' });

  // indicators: one checkbox each
  const { indicators } = domain();
  const indicatorBoxes = indicators.map((i) => h('input', { type: 'checkbox', value: String(i.number), id: uid('ind'), checked: (m.indicators || []).includes(i.number) }));
  const indicatorSet = h('fieldset', { class: 'checks', dataset: { field: 'indicators' } }, h('legend', {}, 'ตัวชี้วัดที่มาตรการนี้ตอบ'),
    h('div', { class: 'check-grid' }, indicators.map((i, k) => h('div', { class: 'check' }, indicatorBoxes[k], h('label', { for: indicatorBoxes[k].id }, `${i.number}. ${i.nameTh}`)))));

  // questions: optional, from the catalog of the assessed year
  const questionBoxes = [];
  let questionSet;
  if (catalog && catalog.questions.length) {
    const chosen = new Set(m.questions || []);
    questionSet = h('details', { class: 'questions', open: chosen.size > 0 },
      h('summary', {}, `ข้อคำถามที่เกี่ยวข้อง (ไม่บังคับ) — จากการประเมินปี พ.ศ. ${catalog.year}`),
      h('fieldset', { class: 'checks', dataset: { field: 'questions' } }, h('legend', { class: 'sr-only' }, 'ข้อคำถามที่เกี่ยวข้อง'),
        catalog.indicators.map((ind) => {
          const qs = catalog.questions.filter((q) => q.indicator === ind.n);
          if (!qs.length) return null;
          return h('div', { class: 'q-group' }, h('p', { class: 'q-group-title' }, `ตัวชี้วัดที่ ${ind.n} ${ind.name}`),
            qs.map((q) => {
              const box = h('input', { type: 'checkbox', value: q.id, id: uid('q'), checked: chosen.has(q.id) });
              questionBoxes.push(box);
              return h('div', { class: 'check' }, box, h('label', { for: box.id }, `${q.id} ${q.text}`));
            }));
        })));
  } else {
    questionSet = h('p', { class: 'hint' }, `ยังไม่มีรายการข้อคำถามของการประเมินปี พ.ศ. ${fy - 1} จึงเลือกข้อคำถามไม่ได้`);
  }

  const method = listEditor({
    field: 'method', legend: 'วิธีการดำเนินการ (ขั้นตอน)', items: (m.method && m.method.length ? m.method : ['']),
    newItem: () => '', renderRow: textRow(), rowLabel: (i) => `ขั้นตอนที่ ${i + 1}`, addLabel: 'เพิ่มขั้นตอน', min: 1,
  });

  const every = domain().everyDivision;
  const unitOptions = [{ value: every.code, label: every.nameTh }, ...units.map((u) => ({ value: u.id, label: u.name || u.id }))];
  const responsible = listEditor({
    field: 'responsible', legend: 'ผู้รับผิดชอบ', items: m.responsible && m.responsible.length ? m.responsible : [units[0]?.id || every.code],
    newItem: () => units.find((u) => !responsible?.values().includes(u.id))?.id || every.code,
    renderRow: (value) => {
      const sel = select(unitOptions, value, { dataset: { sub: '' } });
      return { el: sel, controls: [sel], read: () => sel.value };
    },
    rowLabel: (i) => `ผู้รับผิดชอบลำดับที่ ${i + 1}`, addLabel: 'เพิ่มผู้รับผิดชอบ', min: 1,
    hint: units.length ? `เลือกจากส่วนราชการของหน่วยงาน หรือ "${every.nameTh}"` : 'ยังไม่มีส่วนราชการ — เพิ่มได้ที่หน้า "หน่วยงาน"',
  });

  // period: whole year, or two month pickers limited to the fiscal year
  const months = fiscalMonths(fy);
  const period = m.period || {};
  const wholeYear = h('input', { type: 'checkbox', id: uid('wy'), checked: !!period.wholeYear, dataset: { field: 'period.wholeYear' } });
  const from = select(months, period.from || months[0].value, { id: uid('from'), dataset: { field: 'period.from' } });
  const to = select(months, period.to || months[11].value, { id: uid('to'), dataset: { field: 'period.to' } });
  const syncPeriod = () => { from.disabled = wholeYear.checked; to.disabled = wholeYear.checked; };
  wholeYear.addEventListener('change', syncPeriod);
  syncPeriod();
  const periodSet = h('fieldset', { class: 'period', dataset: { field: 'period' } }, h('legend', {}, 'ระยะเวลาดำเนินการ'),
    h('div', { class: 'check' }, wholeYear, h('label', { for: wholeYear.id }, 'ตลอดปีงบประมาณ')),
    h('div', { class: 'grid2' },
      h('div', { class: 'field' }, h('label', { for: from.id }, 'ตั้งแต่เดือน'), from),
      h('div', { class: 'field' }, h('label', { for: to.id }, 'ถึงเดือน'), to)));

  const followUp = textarea({ rows: 2, value: m.followUp || '' });
  const budget = input({ inputmode: 'decimal', value: m.budget ?? '', placeholder: '0 = ไม่ใช้งบประมาณ', class: 'short' });
  const kind = select([{ value: '', label: '— เลือก —' }, ...measureKindOptions()], m.kind || '');
  const dimension = select([{ value: '', label: '— เลือก —' }, ...dimensionOptions()], m.dimension ? String(m.dimension) : '');
  const acOnly = h('div', { class: 'ac-only' }, h('div', { class: 'grid2' },
    field('ประเภท', kind, { field: 'kind' }), field('มิติ', dimension, { field: 'dimension' })));
  const syncPlan = () => { acOnly.hidden = planSel.value !== 'anticorruption'; };
  planSel.addEventListener('change', syncPlan);
  syncPlan();

  const form = h('form', { class: 'card measure-form', novalidate: true },
    h('div', { class: 'grid2' }, field('แผน', planSel, { field: 'plan' }),
      field('ลำดับที่', number, { field: 'number', hint: 'เว้นว่างเพื่อให้ระบบกำหนดลำดับถัดไป' })),
    field('ชื่อมาตรการ / โครงการ / กิจกรรม', title, { field: 'title', required: true }),
    acOnly, indicatorSet, questionSet, method.el, responsible.el, periodSet,
    field('การติดตามผล', followUp, { field: 'followUp', hint: 'เช่น รายงานผลต่อผู้บริหารทุก ๖ เดือน' }),
    field('งบประมาณ (บาท)', budget, { field: 'budget' }),
    h('div', { class: 'actions sticky' }, h('button', { type: 'submit' }, id ? 'บันทึกการแก้ไข' : 'บันทึกมาตรการ'),
      id ? button('ลบมาตรการ', async () => {
        if (!confirm(`ลบมาตรการที่ ${m.number ?? ''} "${m.title}" ใช่หรือไม่`)) return;
        try {
          await api('DELETE', `${base}/${seg(id)}`, { etag });
          go('measures', { year: fy, plan: m.plan });
        } catch (e) {
          showSaveError(form, e, () => go('measures', { year: fy, plan: m.plan, id }));
        }
      }, { class: 'danger' }) : null));

  const read = () => {
    const errors = [];
    const checkedIndicators = indicatorBoxes.filter((b) => b.checked);
    indicatorBoxes.forEach((b) => delete b.dataset.field);
    checkedIndicators.forEach((b, k) => { b.dataset.field = `indicators[${k}]`; });
    const checkedQuestions = questionBoxes.filter((b) => b.checked);
    questionBoxes.forEach((b) => delete b.dataset.field);
    checkedQuestions.forEach((b, k) => { b.dataset.field = `questions[${k}]`; });
    // Blank step rows are dropped first, so that an error on method[i] lands on the i-th row shown.
    method.compact((v) => v === '');
    const body = {
      plan: planSel.value,
      title: title.value.trim(),
      indicators: checkedIndicators.map((b) => Number(b.value)),
      questions: checkedQuestions.map((b) => b.value),
      method: method.values().filter((v) => v !== ''),
      responsible: responsible.values(),
      period: wholeYear.checked ? { wholeYear: true } : { from: from.value, to: to.value },
    };
    const n = parseNumber(number.value);
    if (Number.isNaN(n)) errors.push({ field: 'number', th: 'ลำดับที่ต้องเป็นตัวเลข' });
    else if (n !== undefined) body.number = n;
    if (followUp.value.trim()) body.followUp = followUp.value.trim();
    const b = parseNumber(budget.value);
    if (Number.isNaN(b)) errors.push({ field: 'budget', th: 'งบประมาณต้องเป็นตัวเลข เช่น 15000 หรือ 15,000.50' });
    else body.budget = b ?? 0;
    if (body.plan === 'anticorruption') {
      if (kind.value) body.kind = kind.value;
      if (dimension.value) body.dimension = Number(dimension.value);
    }
    return { body, errors };
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const { body, errors } = read();
    if (errors.length) {
      showProblem(form, new ApiError(400, { titleTh: 'กรุณาตรวจสอบข้อมูล', errors }));
      return;
    }
    try {
      if (id) {
        const saved = await api('PUT', `${base}/${seg(id)}`, { body, etag });
        etag = saved.etag;
        notice(form, 'บันทึกการแก้ไขแล้ว');
      } else {
        const created = await api('POST', base, { body, idempotencyKey });
        go('measures', { year: fy, plan: body.plan, saved: created.data?.number ?? '' });
      }
    } catch (e) {
      showSaveError(form, e, () => go('measures', { year: fy, plan: m.plan, id, reload: Date.now() }));
    }
  });
  root.append(form);
}
