// SPDX-License-Identifier: MIT
// Shows an API problem in a form: each error's Thai message next to its input, and a summary.
import { h } from './dom.js';
import { ApiError } from './api.js';

/** "$.questions['o12']" → "questions.o12"; "method[2]" stays. */
export function normalizeField(path) {
  return String(path || '')
    .replace(/^\$\.?/, '')
    .replace(/\['([^']*)'\]/g, '.$1')
    .replace(/\["([^"]*)"\]/g, '.$1');
}

/** The element carrying data-field for a path, or for its nearest parent path ("contacts[1].email" → "contacts[1]" → "contacts"). */
export function findFieldElement(form, path) {
  let p = normalizeField(path);
  while (p) {
    const el = form.querySelector(`[data-field="${CSS.escape(p)}"]`);
    if (el) return el;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return null;
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid="true"]').forEach((e) => {
    e.removeAttribute('aria-invalid');
    const described = (e.getAttribute('aria-describedby') || '').split(' ').filter((id) => !id.endsWith('-err'));
    if (described.length) e.setAttribute('aria-describedby', described.join(' '));
    else e.removeAttribute('aria-describedby');
  });
  form.querySelectorAll(':scope .error-summary').forEach((e) => e.remove());
}

/** Puts one Thai message under the input for `path`; returns the input (or null when none matches). */
export function showFieldError(form, path, message) {
  const el = findFieldElement(form, path);
  if (!el) return null;
  if (!el.id) el.id = `fe-${Math.random().toString(36).slice(2)}`;
  const errId = `${el.id}-err`;
  let msg = form.querySelector(`#${CSS.escape(errId)}`);
  if (!msg) {
    msg = h('p', { class: 'field-error', id: errId });
    const wrapper = el.closest('.field, .list-row, fieldset') || el;
    if (wrapper === el) el.after(msg);
    else wrapper.append(msg);
  }
  msg.textContent = msg.textContent ? `${msg.textContent} ${message}` : message;
  el.setAttribute('aria-invalid', 'true');
  const described = new Set((el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
  described.add(errId);
  el.setAttribute('aria-describedby', [...described].join(' '));
  return el;
}

/**
 * Shows an error (ApiError or any Error) in a form: field messages and a summary box at the top
 * of the form (role=alert) linking to each field. Never touches the values the user typed.
 * extra: optional content appended to the summary (e.g. a reload button for 412).
 */
export function showProblem(form, error, extra) {
  clearErrors(form);
  const title = error instanceof ApiError ? error.problem.titleTh : 'เกิดข้อผิดพลาด กรุณาลองใหม่อีกครั้ง';
  const list = h('ul');
  const errors = error instanceof ApiError ? error.errors : [];
  for (const e of errors) {
    const message = e.th || e.en || e.code;
    const target = showFieldError(form, e.field, message);
    const label = target ? labelText(form, target) : '';
    const item = h('li', {}, label ? `${label}: ${message}` : message);
    if (target) {
      item.textContent = '';
      item.append(h('a', { href: `#${target.id}`, onclick: (ev) => { ev.preventDefault(); target.focus(); } },
        label ? `${label}: ${message}` : message));
    }
    list.append(item);
  }
  const detail = error instanceof ApiError && error.problem.detail && !errors.length ? h('p', {}, error.problem.detail) : null;
  const box = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('p', { class: 'error-title' }, title), detail, errors.length ? list : null, extra || null);
  form.prepend(box);
  box.focus({ preventScroll: false });
  return box;
}

function labelText(form, el) {
  const label = el.id ? form.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
  if (label) return label.textContent.replace(/\s*\*$/, '').trim();
  return el.getAttribute('aria-label') || '';
}

/**
 * Shows a failed save. On 412 (someone else saved first) it explains in Thai and offers to reload;
 * the typed values stay in the form until the user chooses to reload.
 */
export function showSaveError(form, error, reload) {
  if (error instanceof ApiError && error.status === 412 && reload) {
    const stale = new ApiError(412, {
      ...error.problem,
      titleTh: 'มีผู้อื่นแก้ไขข้อมูลนี้หลังจากที่คุณเปิดไว้ จึงยังไม่ได้บันทึกสิ่งที่คุณแก้ไข',
      errors: [],
    });
    const reloadButton = h('button', { type: 'button', class: 'secondary', onclick: reload }, 'โหลดข้อมูลล่าสุด (สิ่งที่แก้ไขไว้จะหายไป)');
    return showProblem(form, stale, h('div', {},
      h('p', {}, 'ข้อมูลที่คุณกรอกยังอยู่ในแบบฟอร์ม หากต้องการเก็บไว้ให้คัดลอกก่อน แล้วกดโหลดข้อมูลล่าสุดเพื่อแก้ไขอีกครั้ง'),
      reloadButton));
  }
  return showProblem(form, error);
}
