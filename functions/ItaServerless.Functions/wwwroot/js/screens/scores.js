// SPDX-License-Identifier: MIT
// Last year's ITA result: total, tools, indicators and every question of the year; then the analysis.
import { h, field, input, select, parseNumber, notice, clear } from '../dom.js';
import { api, ApiError, getOrNull, orgPath } from '../api.js';
import { showProblem, showSaveError, clearErrors } from '../errors.js';
import { loadCatalogOrNull } from '../catalog.js';
import { scoreText } from '../thai.js';
import { domain, fiscalYearOf, indicatorName } from '../domain.js';

// The colour of each classification as the CSS names it (presentation only).
const COLOUR_CSS = { green: 'good', yellow: 'warn', red: 'bad' };

export async function render(root, { session, params, go }) {
  const thisFy = fiscalYearOf(new Date());
  const fy = Number(params.get('year')) || thisFy - 1;
  const years = [];
  // Back to the first year the API has a question list for.
  const firstYear = Math.min(...domain().assessmentYears, thisFy - 1);
  for (let y = thisFy; y >= firstYear; y--) years.push({ value: String(y), label: `พ.ศ. ${y}` });
  if (!years.some((y) => Number(y.value) === fy)) years.push({ value: String(fy), label: `พ.ศ. ${fy}` });
  const yearSelect = select(years, String(fy), { id: 'score-year' });
  yearSelect.addEventListener('change', () => go('scores', { year: yearSelect.value }));
  root.append(h('h1', {}, 'ผลคะแนน ITA'),
    h('div', { class: 'toolbar' }, field('ปีที่ประเมิน', yearSelect, { hint: 'ค่าเริ่มต้นคือปีงบประมาณที่แล้ว' })));

  const base = `${orgPath(session.org)}/assessments/${fy}`;
  const catalog = await loadCatalogOrNull(session.org, fy);
  if (!catalog) {
    root.append(h('p', { class: 'notice warn', role: 'alert' }, `ยังไม่มีรายการข้อคำถามของปี พ.ศ. ${fy} ในระบบ กรุณาเลือกปีอื่น`));
    return;
  }
  const existing = await getOrNull(base);
  let etag = existing?.etag;
  const a = existing?.data || {};

  const scoreInput = (value, path, label) => {
    const el = input({ inputmode: 'decimal', value: value ?? '', class: 'score', autocomplete: 'off' });
    el.dataset.field = path;
    if (label) el.setAttribute('aria-label', label);
    return el;
  };
  const total = scoreInput(a.total, 'total');
  const toolTerms = domain().tools;
  const tools = Object.fromEntries(toolTerms.map((t) => [t.code, scoreInput(a.tools?.[t.code], `tools.${t.code}`)]));
  const indicators = Object.fromEntries(catalog.indicators.map((i) => [i.n, scoreInput(a.indicators?.[String(i.n)], `indicators.${i.n}`)]));
  const questions = new Map(catalog.questions.map((q) => [q.id, scoreInput(a.questions?.[q.id], `questions.${q.id}`, `คะแนนข้อ ${q.id}`)]));
  const resultCells = new Map(catalog.questions.map((q) => [q.id, h('td', { class: 'cls' })]));

  const grid = h('table', { class: 'grid' },
    h('caption', {}, `ข้อคำถามของปี พ.ศ. ${fy} (${catalog.questions.length} ข้อ)`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'ข้อ'), h('th', { scope: 'col' }, 'ข้อคำถาม'), h('th', { scope: 'col' }, 'คะแนน'), h('th', { scope: 'col' }, 'ผลวิเคราะห์'))),
    catalog.indicators.map((ind) => {
      const qs = catalog.questions.filter((q) => q.indicator === ind.n);
      if (!qs.length) return null;
      return h('tbody', {},
        h('tr', { class: 'group' }, h('th', { colspan: 4, scope: 'rowgroup' }, `ตัวชี้วัดที่ ${ind.n} ${ind.name}`)),
        qs.map((q) => {
          const el = questions.get(q.id);
          el.id = `q-${q.id}`;
          return h('tr', { dataset: { question: q.id } },
            h('td', { class: 'qid' }, h('label', { for: el.id }, q.id)),
            h('td', { class: 'qtext' }, q.text),
            h('td', { class: 'qscore' }, el),
            resultCells.get(q.id));
        }));
    }));

  const analysisBox = h('section', { class: 'analysis', 'aria-labelledby': 'analysis-h', 'aria-live': 'polite' });
  const form = h('form', { class: 'card', novalidate: true },
    h('p', { class: 'hint' }, 'กรอกคะแนน 0–100 (ทศนิยมไม่เกิน 2 ตำแหน่ง) ตามรายงานผลการประเมินของสำนักงาน ป.ป.ช. ช่องที่เว้นว่างจะไม่ถูกบันทึก'),
    h('div', { class: 'grid3' },
      field('คะแนนรวม', total, { field: 'total' }),
      toolTerms.map((t) => field(`${t.nameTh} (${t.code})`, tools[t.code], { field: `tools.${t.code}` }))),
    h('fieldset', {}, h('legend', {}, 'คะแนนรายตัวชี้วัด'),
      h('div', { class: 'grid2' }, catalog.indicators.map((i) => field(`${i.n}. ${i.name} (${i.tool || ''})`.replace(' ()', ''), indicators[i.n], { field: `indicators.${i.n}` })))),
    h('div', { class: 'table-wrap' }, grid),
    h('div', { class: 'actions sticky' }, h('button', { type: 'submit' }, 'บันทึกและวิเคราะห์')));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const errors = [];
    const read = (el) => {
      const v = parseNumber(el.value);
      if (Number.isNaN(v)) errors.push({ field: el.dataset.field, th: 'กรุณากรอกเป็นตัวเลข เช่น 87.5' });
      return Number.isNaN(v) ? undefined : v;
    };
    const collect = (map) => {
      const out = {};
      for (const [k, el] of map) {
        const v = read(el);
        if (v !== undefined) out[k] = v;
      }
      return out;
    };
    const body = {
      total: read(total),
      tools: collect(Object.entries(tools)),
      indicators: collect(Object.entries(indicators)),
      questions: collect(questions),
    };
    if (errors.length) {
      showProblem(form, new ApiError(400, { titleTh: 'มีช่องที่ไม่ใช่ตัวเลข', errors }));
      return;
    }
    try {
      const saved = await api('PUT', base, etag ? { body, etag } : { body });
      etag = saved.etag;
      notice(form, `บันทึกผลคะแนนปี พ.ศ. ${fy} แล้ว`);
      await showAnalysis();
    } catch (e) {
      showSaveError(form, e, () => go('scores', { year: fy }));
    }
  });

  async function showAnalysis() {
    const result = await getOrNull(`${base}/analysis`);
    clear(analysisBox);
    resultCells.forEach((td) => { td.className = 'cls'; td.textContent = ''; });
    if (!result) return;
    renderAnalysis(analysisBox, result.data, resultCells);
  }

  root.append(form, analysisBox);
  if (existing) await showAnalysis();
}

/** "≥ 95", "90–94.99", "< 90": a classification's band (scores carry two decimals). */
function band(c) {
  if (c.below === null || c.below === undefined) return `≥ ${scoreText(c.from)}`;
  if (c.from === null || c.from === undefined) return `< ${scoreText(c.below)}`;
  return `${scoreText(c.from)}–${scoreText(c.below - 0.01)}`;
}

function renderAnalysis(box, an, cells) {
  const classifications = domain().classifications;
  const counts = new Map(classifications.map((c) => [c.code, 0]));
  for (const q of an.questions || []) {
    const c = classifications.find((x) => x.code === q.classification);
    if (!c) continue;
    counts.set(c.code, counts.get(c.code) + 1);
    const td = cells.get(q.id);
    if (td) {
      const css = COLOUR_CSS[c.colour] || '';
      td.className = `cls ${css}`;
      td.replaceChildren(h('span', { class: `badge ${css}` }, c.nameTh));
    }
  }
  // weakestIndicators: [{ number, name, tool, score, passes }], weakest first.
  const weakest = (an.weakestIndicators || []).map((w) => h('li', {},
    `ตัวชี้วัดที่ ${w.number} ${w.name || indicatorName(w.number)}${w.score !== undefined && w.score !== null ? ` — ${w.score} คะแนน` : ''}`));
  box.append(
    h('h2', { id: 'analysis-h' }, 'ผลการวิเคราะห์'),
    h('div', { class: 'summary-cards' },
      h('div', { class: 'stat' }, h('span', { class: 'stat-label' }, 'ระดับผลการประเมิน'), h('span', { class: 'stat-value' }, an.grade || '–'), an.gradeTh ? h('span', {}, an.gradeTh) : null),
      h('div', { class: `stat ${an.passed ? 'good' : 'bad'}` }, h('span', { class: 'stat-label' }, `เกณฑ์ผ่าน ${scoreText(an.passMark ?? domain().passMark)} คะแนน`),
        h('span', { class: 'stat-value' }, an.passed ? '✔ ผ่าน' : '✘ ไม่ผ่าน')),
      classifications.map((c) => h('div', { class: `stat ${COLOUR_CSS[c.colour] || ''}` },
        h('span', { class: 'stat-label' }, `${c.nameTh} (${band(c)})`), h('span', { class: 'stat-value' }, `${counts.get(c.code)} ข้อ`)))),
    weakest.length ? h('div', {}, h('h3', {}, 'ตัวชี้วัดที่ควรพัฒนาเป็นลำดับแรก'), h('ol', {}, weakest)) : null,
    h('p', { class: 'hint' }, 'ผลวิเคราะห์รายข้อแสดงในคอลัมน์ "ผลวิเคราะห์" ของตารางด้านบน'));
}
