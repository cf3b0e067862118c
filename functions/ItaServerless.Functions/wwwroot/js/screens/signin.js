// SPDX-License-Identifier: MIT
// Sign in with an organization id and token; or, with the admin key, create an organization.
import { h, field, input, select, button, textOrUndefined, notice } from '../dom.js';
import { api, ApiError, getOrNull, orgPath, seg } from '../api.js';
import { setSession, getSession, clearSession } from '../session.js';
import { showProblem, clearErrors } from '../errors.js';
import { organizationKindOptions } from '../domain.js';

/** Who the token is (GET .../tokens/current): { role: admin|editor|reporter, unit?, unitName? }. */
export async function describeToken(org) {
  const { data } = await api('GET', `${orgPath(org)}/tokens/current`);
  const who = { role: data.role, unit: data.unit || undefined };
  if (who.unit) {
    const unit = await getOrNull(`${orgPath(org)}/units/${seg(who.unit)}`);
    if (unit?.data?.name) who.unitName = unit.data.name;
  }
  return who;
}

export async function render(root, { go }) {
  const session = getSession();
  root.append(h('h1', {}, 'เข้าสู่ระบบ'));
  if (session) root.append(h('p', { class: 'notice ok' }, `ขณะนี้เข้าสู่ระบบของหน่วยงาน ${session.org} อยู่ — เข้าสู่ระบบใหม่เพื่อเปลี่ยนหน่วยงาน`));

  // Sign in
  const orgIn = input({ autocomplete: 'username', spellcheck: 'false', autocapitalize: 'none', value: session?.org || '' });
  const tokenIn = input({ type: 'password', autocomplete: 'current-password', spellcheck: 'false' });
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'signin-h' },
    h('h2', { id: 'signin-h' }, 'เข้าสู่ระบบด้วยโทเคน'),
    h('p', { class: 'hint' }, 'วางรหัสหน่วยงานและโทเคนที่ได้รับจากผู้ดูแลระบบ (โทเคนขึ้นต้นด้วย ita.) ระบบจะจำไว้จนกว่าจะปิดแท็บนี้'),
    field('รหัสหน่วยงาน', orgIn, { required: true, field: 'org', hint: 'ตัวอักษรภาษาอังกฤษตัวเล็ก ตัวเลข และ - เช่น thung-tom' }),
    field('โทเคน', tokenIn, { required: true, field: 'token' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'เข้าสู่ระบบ')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const org = orgIn.value.trim();
    const token = tokenIn.value.trim();
    const missing = [];
    if (!org) missing.push({ field: 'org', th: 'กรุณากรอกรหัสหน่วยงาน' });
    if (!token) missing.push({ field: 'token', th: 'กรุณาวางโทเคน' });
    if (missing.length) {
      showProblem(form, new ApiError(400, { titleTh: 'กรุณากรอกข้อมูลให้ครบ', errors: missing }));
      return;
    }
    setSession({ org, token });
    try {
      const { data } = await api('GET', orgPath(org));
      const who = await describeToken(org);
      setSession({ org, token, orgName: data?.name, ...who });
      go(who.role === 'reporter' ? 'progress' : 'org');
    } catch (e) {
      if (session) setSession(session);
      else clearSession();
      const problem = e instanceof ApiError && (e.status === 401 || e.status === 404)
        ? new ApiError(e.status, { titleTh: 'รหัสหน่วยงานหรือโทเคนไม่ถูกต้อง', errors: [{ field: 'token', th: 'ตรวจสอบว่าโทเคนเป็นของหน่วยงานนี้และคัดลอกมาครบทุกตัวอักษร' }] })
        : e;
      showProblem(form, problem);
    }
  });
  root.append(form);

  // Admin: create an organization
  const adminKey = input({ type: 'password', autocomplete: 'off', spellcheck: 'false' });
  const inputs = {
    id: input({ spellcheck: 'false', autocapitalize: 'none', pattern: '[a-z0-9-]+' }),
    name: input(),
    kind: select([{ value: '', label: '— เลือก —' }, ...organizationKindOptions()], ''),
    district: input(),
    province: input(),
    phone: input({ type: 'tel', autocomplete: 'tel' }),
    documentPrefix: input({ placeholder: 'พง ๕๒๔๐๑' }),
    website: input({ type: 'url', placeholder: 'https://' }),
  };
  const result = h('div', { class: 'token-result', 'aria-live': 'polite' });
  const adminForm = h('form', { class: 'card', novalidate: true },
    h('p', { class: 'hint' }, 'สำหรับผู้ดูแลระบบเท่านั้น: ใช้คีย์ผู้ดูแล (x-functions-key) เพื่อสร้างหน่วยงานใหม่และรับโทเคนผู้แก้ไข'),
    field('คีย์ผู้ดูแลระบบ', adminKey, { required: true, field: 'x-functions-key' }),
    field('รหัสหน่วยงาน (ภาษาอังกฤษ)', inputs.id, { required: true, field: 'id', hint: 'ตัวอักษร a–z ตัวเลข และ - เช่น thung-tom' }),
    field('ชื่อหน่วยงาน', inputs.name, { required: true, field: 'name', hint: 'เช่น องค์การบริหารส่วนตำบลทุ่งต้อม' }),
    field('ประเภท', inputs.kind, { required: true, field: 'kind' }),
    h('div', { class: 'grid2' },
      field('อำเภอ', inputs.district, { field: 'district' }),
      field('จังหวัด', inputs.province, { field: 'province' })),
    h('div', { class: 'grid2' },
      field('โทรศัพท์', inputs.phone, { field: 'phone' }),
      field('เลขที่หนังสือ (คำนำหน้า)', inputs.documentPrefix, { field: 'documentPrefix' })),
    field('เว็บไซต์', inputs.website, { field: 'website' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'สร้างหน่วยงาน')),
    result);
  adminForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(adminForm);
    result.replaceChildren();
    const body = {};
    for (const [key, el] of Object.entries(inputs)) {
      const v = textOrUndefined(el);
      if (v !== undefined) body[key] = v;
    }
    if (!adminKey.value.trim()) {
      showProblem(adminForm, new ApiError(401, { titleTh: 'กรุณากรอกคีย์ผู้ดูแลระบบ', errors: [{ field: 'x-functions-key', th: 'กรุณากรอกคีย์ผู้ดูแลระบบ' }] }));
      return;
    }
    try {
      // The answer: { organization, editorToken } — the token is in it this once only.
      const { data } = await api('POST', '/api/orgs', { body, adminKey: adminKey.value.trim() });
      const created = { ...data.organization, editorToken: data.editorToken };
      showToken(result, created, go);
      notice(adminForm, `สร้างหน่วยงาน ${created.name || created.id} แล้ว`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        e.problem.errors = [{ field: 'x-functions-key', th: 'คีย์ผู้ดูแลระบบไม่ถูกต้อง' }, ...e.errors];
      }
      showProblem(adminForm, e);
    }
  });
  root.append(h('details', { class: 'admin' }, h('summary', {}, 'ผู้ดูแลระบบ: สร้างหน่วยงานใหม่'), adminForm));
}

/** The editor token is shown once: read-only box, copy button, warning, and a way to sign in with it. */
function showToken(container, org, go) {
  const tokenBox = h('input', { type: 'text', readonly: true, value: org.editorToken || '', class: 'token', id: 'new-editor-token' });
  const copied = h('span', { role: 'status', class: 'copied' });
  container.replaceChildren(
    h('div', { class: 'once', role: 'alert' },
      h('p', { class: 'warn-title' }, '⚠ โทเคนผู้แก้ไขจะแสดงเพียงครั้งเดียว'),
      h('p', {}, 'คัดลอกและเก็บไว้ในที่ปลอดภัยทันที ระบบเก็บโทเคนแบบเข้ารหัสทางเดียวจึงแสดงซ้ำไม่ได้ หากทำหายต้องออกโทเคนใหม่'),
      h('label', { for: tokenBox.id }, `โทเคนผู้แก้ไขของ ${org.id}`), tokenBox,
      h('div', { class: 'actions' },
        button('คัดลอกโทเคน', () => copyText(tokenBox, copied)),
        button('เข้าสู่ระบบด้วยโทเคนนี้', async () => {
          setSession({ org: org.id, token: org.editorToken, orgName: org.name, role: 'editor' });
          go('org');
        }, { class: 'secondary' }),
        copied)));
  tokenBox.focus();
  tokenBox.select();
}

export async function copyText(inputEl, statusEl) {
  try {
    await navigator.clipboard.writeText(inputEl.value);
  } catch {
    inputEl.select();
    document.execCommand('copy');
  }
  statusEl.textContent = 'คัดลอกแล้ว';
}
