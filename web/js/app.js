// The page's router: the state of every view is in the URL hash (#/view?params), so a link
// restores what was on screen.
import { get } from './api.js';
import { el, errorBox, fmt } from './ui.js';
import * as search from './views/search.js';
import * as event from './views/event.js';
import * as dyad from './views/dyad.js';
import * as network from './views/network.js';
import * as map from './views/map.js';
import * as codebook from './views/codebook.js';
import * as live from './views/live.js';

const VIEWS = { search, event, dyad, network, map, codebook, code: live };
let current = null;

export function parseHash() {
  const h = location.hash.replace(/^#\/?/, '');
  const [path, qs] = h.split('?');
  const [name, arg] = (path || 'search').split('/');
  return { name: name || 'search', arg, params: Object.fromEntries(new URLSearchParams(qs || '')) };
}

// Navigates to a view; `replace` keeps the history entry (state refinements).
export function go(name, params = {}, { replace = false, arg } = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  const hash = `#/${name}${arg !== undefined ? '/' + arg : ''}${s ? '?' + s : ''}`;
  if (hash === location.hash) return route();
  if (replace) {
    history.replaceState(null, '', hash);
    route();
  } else {
    location.hash = hash;
  }
}
window.dyadGo = go;

async function route() {
  const { name, arg, params } = parseHash();
  const view = VIEWS[name] || search;
  if (current && current.unmount) current.unmount();
  current = view;
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.dataset.view === name || (name === 'event' && a.dataset.view === 'search'));
  }
  const root = document.getElementById('view');
  root.replaceChildren();
  root.dataset.view = name;
  root.dataset.ready = '0';
  try {
    await view.render(root, params, arg);
  } catch (err) {
    console.warn(err);
    root.append(errorBox(err));
  }
  root.dataset.ready = '1';
}

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', () => {
  route();
  get('health').then((h) => {
    document.getElementById('dbinfo').textContent =
      `${fmt(h.counts.events)} events · ${fmt(h.counts.mentions)} mentions · ${fmt(h.counts.articles)} articles · dyad ${h.version}`;
  }).catch((e) => { document.getElementById('dbinfo').append(el('span', e.message)); });
});
