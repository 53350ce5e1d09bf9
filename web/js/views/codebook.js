// Codebook: CAMEO codes with Goldstein, QuadClass and PLOVER; PLOVER types. #/codebook?q=
import { getCodebook } from '../api.js';
import { go } from '../app.js';
import { el, quadDot, QUAD_NAMES } from '../ui.js';

export async function render(root, params) {
  const cb = await getCodebook();
  root.append(el('h1', 'Codebook'));
  const input = el('input', { id: 'codebook-q', type: 'search', value: params.q || '', placeholder: 'Filter: code, name or PLOVER type (e.g. 19, sanction, PROTEST)', style: 'width: 420px' });
  root.append(el('div.card', el('div.row', input, el('span.muted.small', 'Click a code to search its events.')),
    el('div.row.small', [1, 2, 3, 4].map((q) => el('span', quadDot(q), `${q} ${QUAD_NAMES[q]} (CAMEO ${cb.quad[q - 1].cameo_roots})`)))));
  const body = el('tbody');
  const table = el('table.data', { id: 'cameo-table' },
    el('thead', el('tr', ['Code', 'Name', 'Goldstein', 'QuadClass', 'PLOVER event', 'mode', 'context'].map((h) => el('th', h)))), body);
  const plover = el('table.data', { id: 'plover-table' },
    el('thead', el('tr', ['PLOVER type', 'QuadClass', 'Needs target', 'Definition'].map((h) => el('th', h)))),
    el('tbody', cb.plover.map((p) => el('tr.click', { onclick: () => go('search', { plover: p.name }) },
      el('td.code', p.name), el('td', quadDot(p.quad), p.quad), el('td', p.requires_recipient ? 'yes' : ''), el('td.small', p.definition)))));
  root.append(el('div.grid2', el('div.card', el('h2', 'CAMEO event codes'), table), el('div.card', el('h2', 'PLOVER event types'), plover)));
  const fill = () => {
    const q = input.value.trim().toLowerCase();
    const rows = cb.cameo.filter((c) => !q || c.code.startsWith(q) || c.name.toLowerCase().includes(q) || (c.plover_event || '').toLowerCase() === q);
    body.replaceChildren(...rows.map((c) => el('tr.click', { onclick: () => go('search', { cameo: c.code }) },
      el('td.code', { style: `padding-left: ${8 + 12 * (c.level - 1)}px` }, c.code),
      el('td', c.level === 1 ? el('b', c.name) : c.name),
      el('td', c.goldstein), el('td', quadDot(c.quad), c.quad),
      el('td.code', c.plover_event || el('span.muted', 'dropped')), el('td.small', c.plover_mode || ''), el('td.small', c.plover_context || ''))));
  };
  input.addEventListener('input', () => {
    fill();
    history.replaceState(null, '', '#/codebook' + (input.value.trim() ? '?q=' + encodeURIComponent(input.value.trim()) : ''));
  });
  fill();
}
