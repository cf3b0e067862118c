// SPDX-License-Identifier: MIT
// The signed-in organization and token live in sessionStorage: they go when the tab closes.

const KEY = 'ita.session';

export function getSession() {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

/** session: { org, token, role?, unit? } */
export function setSession(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
}

/** Whether the session may use the editor screens; an unknown role is treated as editor (the API decides). */
export function isEditor(session) {
  return !!session && session.role !== 'reporter';
}
