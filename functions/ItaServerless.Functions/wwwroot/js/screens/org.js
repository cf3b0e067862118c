// SPDX-License-Identifier: MIT
// The organization: its details and due dates, divisions with reminder contacts, signers, reporter tokens.
import { h, field, input, select, button, textOrUndefined, notice, uid } from '../dom.js';
import { api, ApiError, etagOf, getOrNull, orgPath, seg } from '../api.js';
import { showProblem, showSaveError, clearErrors } from '../errors.js';
import { listEditor } from '../lists.js';
import { MONTHS, dayMonthText } from '../thai.js';
import { domain, organizationKindOptions, roleOptions, roleName, round } from '../domain.js';
import { copyText } from './signin.js';

export async function render(root, { session }) {
  const base = orgPath(session.org);
  root.append(h('h1', {}, 'ข้อมูลหน่วยงาน'));
  const nav = h('nav', { class: 'subnav', 'aria-label': 'หัวข้อในหน้านี้' },
    h('a', { href: '#org-details', onclick: jump }, 'รายละเอียด'),
    h('a', { href: '#org-units', onclick: jump }, 'ส่วนราชการ'),
    h('a', { href: '#org-officials', onclick: jump }, 'ผู้ลงนาม'),
    h('a', { href: '#org-tokens', onclick: jump }, 'โทเคนผู้รายงาน'));
  const details = h('section', { id: 'org-details', 'aria-labelledby': 'org-details-h' });
  const units = h('section', { id: 'org-units', 'aria-labelledby': 'org-units-h' });
  const officials = h('section', { id: 'org-officials', 'aria-labelledby': 'org-officials-h' });
  const tokens = h('section', { id: 'org-tokens', 'aria-labelledby': 'org-tokens-h' });
  root.append(nav, details, units, officials, tokens);

  const unitList = { items: [] };
  // The token form offers the units: refresh it when a unit is added, renamed or deleted.
  const refreshTokens = async () => {
    const { data } = await api('GET', `${base}/units`);
    unitList.items = (data && data.items) || [];
    await renderTokens(tokens, base, unitList);
  };
  await Promise.all([
    renderDetails(details, base),
    renderUnits(units, base, unitList, refreshTokens).then(() => renderTokens(tokens, base, unitList)),
    renderOfficials(officials, base),
  ]);
}

/**
 * A PUT body that never wipes what the form does not show: the last representation the API
 * gave (only the fields its PUT accepts, as GET /api/domain lists them) with the form's values
 * laid over it; an undefined value (a blank field) is left out, which clears it.
 */
export function mergeEdits(last, accepted, edits) {
  const body = {};
  for (const key of accepted) {
    if (last && last[key] !== undefined && last[key] !== null) body[key] = last[key];
  }
  for (const [key, value] of Object.entries(edits)) {
    if (value === undefined) delete body[key];
    else body[key] = value;
  }
  return body;
}

function jump(ev) {
  ev.preventDefault();
  const target = document.getElementById(ev.currentTarget.getAttribute('href').slice(1));
  target.scrollIntoView();
  target.querySelector('h2')?.focus?.();
}

// ----- details -----

/** A due-day picker for a round; blank keeps the domain's default day. */
function dueDatePicker(roundCode, path, value) {
  const r = round(roundCode);
  const label = `กำหนดส่งรายงาน${r.nameTh} (ค่าเริ่มต้น ${dayMonthText(r.defaultDueDate)})`;
  const [mm, dd] = (value || '').split('-');
  const month = select([{ value: '', label: 'ค่าเริ่มต้น' }, ...MONTHS.map((m, i) => ({ value: String(i + 1).padStart(2, '0'), label: m }))], mm || '');
  const days = [{ value: '', label: '–' }];
  for (let d = 1; d <= 31; d++) days.push({ value: String(d).padStart(2, '0'), label: String(d) });
  const day = select(days, dd || '');
  day.id = uid();
  month.id = uid();
  month.dataset.field = path;
  const group = h('fieldset', { class: 'inline-group' }, h('legend', {}, label),
    h('label', { for: day.id }, 'วันที่'), day, h('label', { for: month.id }, 'เดือน'), month);
  return {
    el: group,
    read: () => (month.value && day.value ? `${month.value}-${day.value}` : month.value || day.value ? `${month.value || '??'}-${day.value || '??'}` : undefined),
  };
}

async function renderDetails(section, base) {
  section.replaceChildren(h('h2', { id: 'org-details-h', tabindex: '-1' }, 'รายละเอียดหน่วยงาน'));
  const { data, etag } = await api('GET', base);
  let last = data;
  let currentEtag = etag;
  const inputs = {
    name: input({ value: data.name || '' }),
    kind: select(organizationKindOptions(), data.kind),
    district: input({ value: data.district || '' }),
    province: input({ value: data.province || '' }),
    phone: input({ type: 'tel', value: data.phone || '' }),
    documentPrefix: input({ value: data.documentPrefix || '', placeholder: 'พง ๕๒๔๐๑' }),
    website: input({ type: 'url', value: data.website || '', placeholder: 'https://' }),
  };
  const six = dueDatePicker('6m', 'dueDates.sixMonths', data.dueDates?.sixMonths);
  const twelve = dueDatePicker('12m', 'dueDates.twelveMonths', data.dueDates?.twelveMonths);
  const form = h('form', { class: 'card', novalidate: true },
    h('p', {}, 'รหัสหน่วยงาน: ', h('code', {}, data.id)),
    field('ชื่อหน่วยงาน', inputs.name, { required: true, field: 'name' }),
    field('ประเภท', inputs.kind, { required: true, field: 'kind' }),
    h('div', { class: 'grid2' }, field('อำเภอ', inputs.district, { field: 'district' }), field('จังหวัด', inputs.province, { field: 'province' })),
    h('div', { class: 'grid2' }, field('โทรศัพท์', inputs.phone, { field: 'phone' }),
      field('เลขที่หนังสือ (คำนำหน้า)', inputs.documentPrefix, { field: 'documentPrefix', hint: 'ใช้ขึ้นต้นเลขที่หนังสือ เช่น พง ๕๒๔๐๑' })),
    field('เว็บไซต์', inputs.website, { field: 'website' }),
    h('div', { class: 'grid2' }, six.el, twelve.el),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'บันทึกข้อมูลหน่วยงาน')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const edits = {};
    for (const [key, el] of Object.entries(inputs)) edits[key] = textOrUndefined(el);
    const dueDates = {};
    if (six.read()) dueDates.sixMonths = six.read();
    if (twelve.read()) dueDates.twelveMonths = twelve.read();
    edits.dueDates = Object.keys(dueDates).length ? dueDates : undefined;
    // PUT replaces the whole organization: settings this form does not show go back as they were.
    const body = mergeEdits(last, domain().editable.organization, edits);
    try {
      const saved = await api('PUT', base, { body, etag: currentEtag });
      currentEtag = saved.etag;
      if (saved.data) last = saved.data;
      notice(form, 'บันทึกข้อมูลหน่วยงานแล้ว');
    } catch (e) {
      showSaveError(form, e, () => renderDetails(section, base));
    }
  });
  section.append(form);
}

// ----- units and officials: one editable card per item -----

/**
 * A card that edits one resource of a collection (unit, official). spec: { path, accepted (the
 * fields its PUT accepts), fields(item) → { el, read() }, title(item), … }. New cards choose
 * their id; saved ones keep it. Fields the card does not show are sent back as last read.
 */
function resourceCard(spec, item, { onDeleted, onSaved, existingIds }) {
  let etag = etagOf(item);
  let isNew = !item.id;
  const idInput = input({ value: item.id || spec.suggestId(existingIds()), spellcheck: 'false', autocapitalize: 'none', readonly: !isNew });
  const heading = h('h3', {}, isNew ? spec.newTitle : spec.title(item));
  const body = spec.fields(item);
  const form = h('form', { class: 'card item', novalidate: true },
    heading,
    field('รหัส (ภาษาอังกฤษ)', idInput, { field: 'id', hint: isNew ? 'ตัวอักษร a–z ตัวเลข และ - ใช้อ้างอิงในระบบ เปลี่ยนภายหลังไม่ได้' : undefined }),
    body.el,
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, 'บันทึก'),
      button('ลบ', async () => {
        if (isNew) { form.remove(); onDeleted(); return; }
        if (!confirm(`ลบ ${spec.title(item)} ใช่หรือไม่`)) return;
        try {
          await api('DELETE', `${spec.path}/${seg(idInput.value)}`, { etag });
          form.remove();
          onDeleted();
        } catch (e) {
          showSaveError(form, e, () => location.reload());
        }
      }, { class: 'danger' })));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const id = idInput.value.trim();
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
      showProblem(form, new ApiError(400, { titleTh: 'รหัสไม่ถูกต้อง', errors: [{ field: 'id', th: 'ใช้ได้เฉพาะตัวอักษร a–z ตัวเลข และ - (ขึ้นต้นด้วยตัวอักษรหรือตัวเลข)' }] }));
      return;
    }
    const sent = mergeEdits(item, spec.accepted, body.read());
    try {
      const saved = await api('PUT', `${spec.path}/${seg(id)}`, isNew ? { body: sent, createOnly: true } : { body: sent, etag });
      etag = saved.etag;
      Object.assign(item, saved.data || sent, { id });
      isNew = false;
      idInput.readOnly = true;
      heading.textContent = spec.title(item);
      notice(form, 'บันทึกแล้ว');
      onSaved(item);
    } catch (e) {
      if (isNew && e instanceof ApiError && e.status === 412) {
        showProblem(form, new ApiError(409, { titleTh: 'รหัสนี้มีอยู่แล้ว', errors: [{ field: 'id', th: 'รหัสนี้ถูกใช้แล้ว กรุณาใช้รหัสอื่น' }] }));
      } else {
        showSaveError(form, e, () => location.reload());
      }
    }
  });
  form.dataset.itemId = item.id || '';
  return form;
}

async function renderCollection(section, spec) {
  const list = h('div', { class: 'items' });
  section.append(list);
  const { data } = await api('GET', spec.path);
  const items = (data && data.items) || [];
  const ids = () => [...list.querySelectorAll('form.item')].map((f) => f.querySelector('[data-field="id"]').value);
  const addCard = (item) => {
    const card = resourceCard(spec, item, { onDeleted: () => spec.onChange?.(), onSaved: () => spec.onChange?.(), existingIds: ids });
    list.append(card);
    return card;
  };
  items.forEach(addCard);
  if (!items.length) list.append(h('p', { class: 'empty' }, spec.emptyText));
  section.append(button(spec.addLabel, () => {
    list.querySelector('.empty')?.remove();
    const card = addCard({});
    card.querySelector('input:not([readonly]), select')?.focus();
  }, { class: 'secondary' }));
  return items;
}

function nextId(prefix, ids) {
  for (let i = 1; ; i++) if (!ids.includes(`${prefix}${i}`)) return `${prefix}${i}`;
}

async function renderUnits(section, base, unitList, onChange) {
  section.append(h('h2', { id: 'org-units-h', tabindex: '-1' }, 'ส่วนราชการ (กอง/สำนัก) และผู้รับการแจ้งเตือน'),
    h('p', { class: 'hint' }, 'เช่น สำนักปลัด กองคลัง กองช่าง — ผู้ติดต่อจะได้รับอีเมลเตือนก่อนกำหนดส่งรายงาน'));
  unitList.items = await renderCollection(section, {
    path: `${base}/units`,
    accepted: domain().editable.unit,
    newTitle: 'ส่วนราชการใหม่',
    title: (u) => u.name || u.id,
    suggestId: (ids) => nextId('unit-', ids),
    emptyText: 'ยังไม่มีส่วนราชการ',
    addLabel: 'เพิ่มส่วนราชการ',
    onChange,
    fields: (unit) => {
      const name = input({ value: unit.name || '' });
      const contacts = listEditor({
        field: 'contacts',
        legend: 'ผู้รับการแจ้งเตือน',
        items: unit.contacts || [],
        newItem: () => ({ name: '', email: '' }),
        rowLabel: (i) => `ผู้ติดต่อคนที่ ${i + 1}`,
        addLabel: 'เพิ่มผู้ติดต่อ',
        reorder: false,
        renderRow: (c) => {
          const n = h('input', { type: 'text', value: c.name || '', placeholder: 'ชื่อ-สกุล', dataset: { sub: 'name', label: 'ชื่อ' } });
          const e = h('input', { type: 'email', value: c.email || '', placeholder: 'อีเมล', autocomplete: 'off', dataset: { sub: 'email', label: 'อีเมล' } });
          // A contact's other properties (none shown here) go back as they came.
          return { el: h('div', { class: 'grid2 tight' }, n, e), controls: [n, e], read: () => ({ ...c, name: n.value.trim(), email: e.value.trim() }) };
        },
      });
      return {
        el: h('div', {}, field('ชื่อส่วนราชการ', name, { required: true, field: 'name' }), contacts.el),
        read: () => ({ name: name.value.trim(), contacts: contacts.values() }),
      };
    },
  });
}

async function renderOfficials(section, base) {
  // The roles in the order a memo goes up for signing.
  const roles = roleOptions().map((r) => r.label);
  section.append(h('h2', { id: 'org-officials-h', tabindex: '-1' }, 'ผู้ลงนามในเอกสาร'),
    h('p', { class: 'hint' }, `${roles.slice(0, -1).join(' ')} และ${roles[roles.length - 1]} ตามลำดับการเสนอหนังสือ`));
  await renderCollection(section, {
    path: `${base}/officials`,
    accepted: domain().editable.official,
    newTitle: 'ผู้ลงนามใหม่',
    title: (o) => `${o.name || o.id}${o.role ? ` — ${roleName(o.role)}` : ''}`,
    suggestId: (ids) => nextId('official-', ids),
    emptyText: 'ยังไม่มีผู้ลงนาม',
    addLabel: 'เพิ่มผู้ลงนาม',
    fields: (o) => {
      const name = input({ value: o.name || '' });
      const position = input({ value: o.position || '', placeholder: 'เช่น นักวิเคราะห์นโยบายและแผนชำนาญการ' });
      const role = select([{ value: '', label: '— เลือก —' }, ...roleOptions()], o.role || '');
      return {
        el: h('div', {}, field('ชื่อ-สกุล', name, { required: true, field: 'name' }),
          field('ตำแหน่ง', position, { required: true, field: 'position' }),
          field('บทบาทในการลงนาม', role, { required: true, field: 'role' })),
        read: () => ({ name: name.value.trim(), position: position.value.trim(), role: role.value || undefined }),
      };
    },
  });
}

// ----- tokens -----

const ROLE_NAMES = { editor: 'ผู้แก้ไข', reporter: 'ผู้รายงาน', calendar: 'ปฏิทิน (อ่านกำหนดส่งเท่านั้น)' };

/** A calendar-only token in a subscription link: the only kind of token that may travel in a URL. */
function calendarCard(base, reload) {
  const shown = h('div', { 'aria-live': 'polite' });
  return h('div', { class: 'card' },
    h('h3', {}, 'ลิงก์ปฏิทินกำหนดส่งรายงาน'),
    h('p', { class: 'hint' }, 'สำหรับสมัครรับในแอปปฏิทิน (เช่น Google Calendar, Outlook) ลิงก์นี้อ่านได้เฉพาะกำหนดส่งรายงาน ไม่เปิดข้อมูลอื่นขององค์กร'),
    h('div', { class: 'actions' }, button('สร้างลิงก์ปฏิทิน', async () => {
      try {
        const { data } = await api('POST', `${base}/tokens`, { body: { role: 'calendar', name: 'ปฏิทินกำหนดส่งรายงาน' } });
        const box = h('input', { type: 'text', readonly: true, class: 'token', value: `${location.origin}${base}/calendar.ics?token=${encodeURIComponent(data.token)}`, id: uid('cal') });
        const copied = h('span', { role: 'status', class: 'copied' });
        shown.replaceChildren(h('div', { class: 'once', role: 'alert' },
          h('p', { class: 'warn-title' }, '⚠ ลิงก์นี้จะแสดงเพียงครั้งเดียว'),
          h('label', { for: box.id }, 'ลิงก์ปฏิทิน'), box,
          h('div', { class: 'actions' }, button('คัดลอกลิงก์', () => copyText(box, copied)), copied)));
        box.select();
        await reload();
      } catch (e) {
        showProblem(shown, e);
      }
    }, { class: 'secondary' })), shown);
}

async function renderTokens(section, base, unitList) {
  section.replaceChildren(h('h2', { id: 'org-tokens-h', tabindex: '-1' }, 'โทเคนสำหรับส่วนราชการ (ผู้รายงานผล)'),
    h('p', { class: 'hint' }, 'ออกโทเคนให้แต่ละส่วนราชการใช้รายงานผลการดำเนินงานของมาตรการที่รับผิดชอบ โทเคนจะแสดงเพียงครั้งเดียว'));
  const every = domain().everyDivision.nameTh;
  const unitOptions = [{ value: '', label: `${every} (ไม่จำกัด)` }, ...unitList.items.map((u) => ({ value: u.id, label: u.name || u.id }))];
  const unit = select(unitOptions, '');
  const name = input({ placeholder: 'เช่น กองคลัง — นางสาวสมใจ' });
  const shown = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'card', novalidate: true },
    h('h3', {}, 'ออกโทเคนผู้รายงานใหม่'),
    h('div', { class: 'grid2' }, field('ส่วนราชการ', unit, { field: 'unit' }), field('ชื่อเรียกโทเคน', name, { field: 'name', required: true })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'ออกโทเคน')), shown);
  const table = h('div', { class: 'table-wrap' });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const body = { role: 'reporter', name: name.value.trim() };
    if (unit.value) body.unit = unit.value;
    try {
      const { data } = await api('POST', `${base}/tokens`, { body });
      const box = h('input', { type: 'text', readonly: true, class: 'token', value: data.token || '', id: uid('tok') });
      const copied = h('span', { role: 'status', class: 'copied' });
      shown.replaceChildren(h('div', { class: 'once', role: 'alert' },
        h('p', { class: 'warn-title' }, '⚠ โทเคนนี้จะแสดงเพียงครั้งเดียว'),
        h('p', {}, `ส่งให้ ${body.name} พร้อมรหัสหน่วยงาน หากทำหายให้เพิกถอนแล้วออกใหม่`),
        h('label', { for: box.id }, 'โทเคนผู้รายงาน'), box,
        h('div', { class: 'actions' }, button('คัดลอกโทเคน', () => copyText(box, copied)), copied)));
      box.select();
      name.value = '';
      await loadTokens();
    } catch (e) {
      showProblem(form, e);
    }
  });

  async function loadTokens() {
    const result = await getOrNull(`${base}/tokens`);
    // Revoked tokens stay in the list (for the record) but are not in use.
    const items = (result?.data?.items || []).filter((t) => !t.revokedAt);
    const rows = items.map((t) => h('tr', {},
      h('td', { 'data-label': 'ชื่อ' }, t.name || t.id),
      h('td', { 'data-label': 'สิทธิ์' }, ROLE_NAMES[t.role] || t.role),
      h('td', { 'data-label': 'ส่วนราชการ' }, t.unit ? (unitList.items.find((u) => u.id === t.unit)?.name || t.unit) : every),
      h('td', {}, button('เพิกถอน', async (ev) => {
        if (!confirm(`เพิกถอนโทเคน ${t.name || t.id} ใช่หรือไม่ ผู้ใช้โทเคนนี้จะเข้าระบบไม่ได้อีก`)) return;
        try {
          await api('DELETE', `${base}/tokens/${seg(t.id)}`);
          await loadTokens();
        } catch (e) {
          showProblem(section, e);
          ev.target.focus();
        }
      }, { class: 'danger small', 'aria-label': `เพิกถอนโทเคน ${t.name || t.id}` }))));
    table.replaceChildren(items.length
      ? h('table', { class: 'list tokens' }, h('caption', {}, 'โทเคนที่ใช้งานอยู่'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'ชื่อ'), h('th', { scope: 'col' }, 'สิทธิ์'), h('th', { scope: 'col' }, 'ส่วนราชการ'), h('th', { scope: 'col' }, 'จัดการ'))),
        h('tbody', {}, rows))
      : h('p', { class: 'empty' }, 'ยังไม่มีโทเคนที่ใช้งานอยู่'));
  }

  section.append(form, calendarCard(base, loadTokens), table);
  await loadTokens();
}
