/**
 * Runs before the app, from its own tiny script (index.html lists it before main.tsx): asks at once
 * for the page's lazily loaded chunk and the API reads the page and the shell start with, so that
 * they download alongside the app's scripts instead of after them (see early-routes.ts). The app
 * takes each answer once through api.ts; if this script fails or is late, the app fetches as before.
 */
import { EARLY_MAX_AGE_MS, earlyFor, type EarlyChunks } from './early-routes.js';

function chunks(): EarlyChunks {
  try {
    return JSON.parse(document.getElementById('motcua-early')?.textContent ?? '{}') as EarlyChunks;
  } catch {
    return {};
  }
}

function link(rel: string, href: string) {
  // The same element Vite's preload helper would add: it then sees the file is already asked for.
  if (document.querySelector(`link[href="${href}"]`)) return;
  const l = document.createElement('link');
  l.rel = rel;
  l.href = href;
  if (rel === 'modulepreload') l.crossOrigin = '';
  document.head.appendChild(l);
}

const { module, data } = earlyFor(location.pathname, location.search);
const files = module ? chunks()[module] : undefined;
// The chunk first, then the page's data, then the shell's: browsers open a few connections per
// server (6 over HTTP/1.1) and serve queued requests in the order they were made.
for (const css of files?.css ?? []) link('stylesheet', css);
for (const js of files?.js ?? []) link('modulepreload', js);
const responses = new Map<string, Promise<Response>>();
for (const url of data) {
  const answer = fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  answer.catch(() => undefined); // a failure is the app's to handle, when it takes the answer
  responses.set(url, answer);
}
window.__motcuaEarly = { href: location.pathname + location.search, responses };
// Answers nobody took (the page asked for something else) are dropped after a while.
window.setTimeout(() => {
  if (window.__motcuaEarly?.responses === responses) window.__motcuaEarly = undefined;
}, EARLY_MAX_AGE_MS);
