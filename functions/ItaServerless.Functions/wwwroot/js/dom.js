// SPDX-License-Identifier: MIT
// Small DOM helpers: elements are built with textContent, never innerHTML, so user data stays text.

let idCounter = 0;
export function uid(prefix = 'f') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** h('div', { class: 'x', onclick: fn }, child, 'text', [more]) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'value') el.value = value;
    else if (key === 'checked' || key === 'selected' || key === 'disabled' || key === 'multiple') el[key] = !!value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * A labelled control: { label, input, hint, field } → div.field. The input gets an id, the label
 * for=, and data-field (the API's field path) so that errors can be shown next to it.
 */
export function field(label, input, { hint, field: path, required } = {}) {
  if (!input.id) input.id = uid();
  if (path) input.dataset.field = path;
  if (required) input.required = true;
  const hintEl = hint ? h('p', { class: 'hint', id: `${input.id}-hint` }, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' },
    h('label', { for: input.id }, label, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    input, hintEl);
}

export function input(attrs = {}) {
  return h('input', { type: 'text', ...attrs });
}

export function select(options, value, attrs = {}) {
  const el = h('select', attrs);
  for (const o of options) {
    const opt = typeof o === 'string' ? { value: o, label: o } : o;
    el.append(h('option', { value: opt.value, selected: String(opt.value) === String(value ?? '') }, opt.label));
  }
  return el;
}

export function textarea(attrs = {}) {
  const el = h('textarea', { rows: 3, ...attrs });
  return el;
}

export function button(label, onclick, attrs = {}) {
  return h('button', { type: 'button', onclick, ...attrs }, label);
}

/** A status line (role=status) for "saved" and similar messages. */
export function notice(container, text, kind = 'ok') {
  let el = container.querySelector(':scope > .notice');
  if (!el) {
    el = h('div', { class: 'notice', role: 'status' });
    container.prepend(el);
  }
  el.className = `notice ${kind}`;
  el.textContent = text;
  return el;
}

/** Text value or undefined when blank (blank optional fields are left out of the body). */
export function textOrUndefined(el) {
  const v = el.value.trim();
  return v === '' ? undefined : v;
}

/** Parses a Thai-style number ("1,500,000.50"); undefined when blank, NaN when not a number. */
export function parseNumber(text) {
  const cleaned = String(text ?? '').replace(/[,\s]/g, '').replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
  if (cleaned === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : NaN;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}
