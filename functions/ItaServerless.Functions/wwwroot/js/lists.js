// SPDX-License-Identifier: MIT
// An editable list (method steps, contacts, responsible units): add, remove and reorder rows.
// Every control of row i carries data-field "<field>[i]" or "<field>[i].<sub>" so that API errors
// land on the right row after any reordering (an error on a whole object row falls back to the list).
import { h, button, uid } from './dom.js';

/**
 * options: field (API path, e.g. "method"), legend, items (initial values), newItem() → value,
 * renderRow(value, rowLabel) → { controls: [element with data-sub], read() → value },
 * rowLabel(i) → "ขั้นตอนที่ 3", addLabel, reorder (bool), min (rows kept at least).
 * Returns { el, values(), add(value), rows(), compact(isBlank) }.
 */
export function listEditor(options) {
  const { field, legend, items = [], newItem, renderRow, rowLabel, addLabel, reorder = true, min = 0, hint } = options;
  const rowsEl = h('ol', { class: 'list-rows' });
  const status = h('p', { class: 'sr-only', 'aria-live': 'polite' });
  const rows = [];
  const fieldset = h('fieldset', { class: 'list-editor', dataset: { field } },
    h('legend', {}, legend), hint ? h('p', { class: 'hint' }, hint) : null, rowsEl,
    button(addLabel || 'เพิ่ม', () => {
      const row = add(newItem());
      const first = row.li.querySelector('input, select, textarea');
      if (first) first.focus();
    }, { class: 'secondary add-row' }),
    status);

  function renumber() {
    rows.forEach((row, i) => {
      const label = rowLabel(i);
      row.number.textContent = `${i + 1}.`;
      for (const control of row.rendered.controls) {
        const sub = control.dataset.sub;
        control.dataset.field = sub ? `${field}[${i}].${sub}` : `${field}[${i}]`;
        const own = control.dataset.label;
        control.setAttribute('aria-label', own ? `${label} ${own}` : label);
      }
      row.up.disabled = i === 0;
      row.down.disabled = i === rows.length - 1;
      row.up.setAttribute('aria-label', `เลื่อน${label}ขึ้น`);
      row.down.setAttribute('aria-label', `เลื่อน${label}ลง`);
      row.remove.setAttribute('aria-label', `ลบ${label}`);
      row.remove.disabled = rows.length <= min;
    });
  }

  function move(row, delta) {
    const i = rows.indexOf(row);
    const j = i + delta;
    if (j < 0 || j >= rows.length) return;
    rows.splice(i, 1);
    rows.splice(j, 0, row);
    rowsEl.replaceChildren(...rows.map((r) => r.li));
    renumber();
    (delta < 0 ? row.up : row.down).focus();
    if ((delta < 0 ? row.up : row.down).disabled) row.rendered.controls[0]?.focus();
    status.textContent = `ย้ายไปลำดับที่ ${j + 1}`;
  }

  function add(value) {
    const rendered = renderRow(value);
    const row = { rendered };
    row.number = h('span', { class: 'row-no', 'aria-hidden': 'true' });
    row.up = button('▲', () => move(row, -1), { class: 'icon', title: 'เลื่อนขึ้น' });
    row.down = button('▼', () => move(row, 1), { class: 'icon', title: 'เลื่อนลง' });
    row.remove = button('ลบ', () => {
      const i = rows.indexOf(row);
      rows.splice(i, 1);
      row.li.remove();
      renumber();
      status.textContent = 'ลบแล้ว';
      const next = rows[Math.min(i, rows.length - 1)];
      (next ? next.rendered.controls[0] : fieldset.querySelector('.add-row')).focus();
    }, { class: 'icon danger' });
    row.li = h('li', { class: 'list-row', id: uid('row') }, row.number,
      h('div', { class: 'row-body' }, rendered.el),
      h('div', { class: 'row-actions' }, reorder ? [row.up, row.down] : null, row.remove));
    rows.push(row);
    rowsEl.append(row.li);
    renumber();
    return row;
  }

  for (const item of items) add(item);
  while (rows.length < min) add(newItem());

  /** Drops rows left blank (keeping `min`), so that what is sent lines up with the rows shown. */
  function compact(isBlank) {
    for (const row of [...rows]) {
      if (rows.length > min && isBlank(row.rendered.read())) {
        rows.splice(rows.indexOf(row), 1);
        row.li.remove();
      }
    }
    renumber();
  }

  return {
    el: fieldset,
    compact,
    values: () => rows.map((r) => r.rendered.read()),
    add,
    rows: () => rows,
  };
}

/** A row with a single text input (method step, evidence link). */
export function textRow(type = 'text') {
  return (value) => {
    const control = h('input', { type, value: value ?? '', dataset: { sub: '' } });
    return { el: control, controls: [control], read: () => control.value.trim() };
  };
}
