// SPDX-License-Identifier: MIT
// The single page: hash routes (#/signin, #/org, #/scores, #/measures, #/progress), one module per screen.
import { h, clear, button } from './dom.js';
import { getSession, clearSession, isEditor } from './session.js';
import { loadDomain } from './domain.js';
import * as signin from './screens/signin.js';
import * as org from './screens/org.js';
import * as scores from './screens/scores.js';
import * as measures from './screens/measures.js';
import * as progress from './screens/progress.js';

const SCREENS = { signin, org, scores, measures, progress };

function parseRoute() {
  const [name, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  return { name: name || '', params: new URLSearchParams(query) };
}

function defaultRoute(session) {
  if (!session) return 'signin';
  return isEditor(session) ? 'org' : 'progress';
}

export function go(name, params) {
  const q = params ? `?${new URLSearchParams(params)}` : '';
  const target = `#/${name}${q}`;
  if (location.hash === target) route();
  else location.hash = target;
}

function renderWho(session) {
  const who = clear(document.getElementById('who'));
  if (!session) return;
  const role = session.role === 'reporter'
    ? `ผู้รายงาน${session.unitName ? ` (${session.unitName})` : session.unit ? ` (${session.unit})` : ''}`
    : session.role === 'editor' ? 'ผู้แก้ไข' : '';
  who.append(h('span', {}, `หน่วยงาน: ${session.orgName || session.org}`), role ? h('span', { class: 'role' }, role) : null,
    button('ออกจากระบบ', () => { clearSession(); go('signin'); }, { class: 'link' }));
}

let current = 0;
async function route() {
  const session = getSession();
  let { name, params } = parseRoute();
  if (!SCREENS[name] || (name !== 'signin' && !session)) {
    name = SCREENS[name] && name !== 'signin' && !session ? 'signin' : defaultRoute(session);
    history.replaceState(null, '', `#/${name}`);
  }
  renderWho(session);
  document.querySelectorAll('#tabs a').forEach((a) => {
    const needs = a.dataset.needs;
    // Signed in, the sign-in tab gives way to the sign-out link in the header.
    a.hidden = (needs === 'editor' && !isEditor(session)) || (needs === 'token' && !session) || (a.dataset.route === 'signin' && !!session && name !== 'signin');
    if (a.dataset.route === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  const main = clear(document.getElementById('main'));
  const ticket = ++current;
  const container = h('div', { class: 'screen', dataset: { screen: name } });
  main.append(container);
  main.setAttribute('aria-busy', 'true');
  try {
    // Every screen speaks the domain's words: fetched once, before the first screen.
    await loadDomain();
    await SCREENS[name].render(container, { session, params, go, isCurrent: () => ticket === current });
  } catch (e) {
    container.append(h('div', { class: 'error-summary', role: 'alert' },
      h('p', { class: 'error-title' }, e && e.problem ? e.problem.titleTh : 'เกิดข้อผิดพลาดในการโหลดหน้านี้'),
      button('ลองใหม่', () => route(), { class: 'secondary' })));
    if (e && e.status === 401) {
      container.append(h('p', {}, h('a', { href: '#/signin' }, 'เข้าสู่ระบบใหม่')));
    }
  } finally {
    if (ticket === current) main.removeAttribute('aria-busy');
  }
  document.title = `${container.querySelector('h1')?.textContent || 'ITA'} — ระบบติดตามมาตรการ ITA`;
}

window.addEventListener('hashchange', () => {
  route().then(() => document.getElementById('main').focus({ preventScroll: true }));
});
route();
