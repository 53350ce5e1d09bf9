// Search: filters, a page of events, cursor paging, downloads. State: #/search?<filters>&sort&cursor
import { get, query } from '../api.js';
import { go } from '../app.js';
import { filterForm, pickFilters } from '../filters.js';
import { actorLabel, el, errorBox, fmt, highlighted, legend, modalityPill, quadDot } from '../ui.js';

const SORTS = { date_desc: 'Newest first', date_asc: 'Oldest first', goldstein_asc: 'Most conflictual',
  goldstein_desc: 'Most cooperative', mentions_desc: 'Most reported' };

export async function render(root, params) {
  const filters = pickFilters(params);
  const sort = params.sort || 'date_desc';
  const limit = params.limit || '50';
  const state = (extra) => ({ ...filters, sort: sort === 'date_desc' ? '' : sort, limit: limit === '50' ? '' : limit, ...extra });

  root.append(el('h1', 'Events'));
  root.append(el('div.card', filterForm(filters, (f) => go('search', { ...f, sort: sort === 'date_desc' ? '' : sort }))));

  const summary = el('div.row');
  const table = el('div');
  root.append(el('div.card', summary, table));

  const sortSel = el('select', { id: 'sort', onchange: () => go('search', { ...filters, sort: sortSel.value === 'date_desc' ? '' : sortSel.value }) },
    Object.entries(SORTS).map(([k, v]) => el('option', { value: k, selected: k === sort }, v)));
  const count = el('span.stat', '…');
  const exportParams = { ...filters, sort };
  summary.append(count, el('span.muted', filters.events ? ' events' : ' mentions'), el('span.spacer'),
    el('label.small.muted', 'Sort ', sortSel),
    el('a', { href: '/api/export' + query({ ...exportParams, format: 'csv' }), download: '', id: 'dl-csv' }, 'CSV'),
    el('a', { href: '/api/export' + query({ ...exportParams, format: 'jsonl' }), download: '', id: 'dl-jsonl' }, 'JSON Lines'),
    el('a', { href: '/api/export' + query({ ...exportParams, format: 'gdelt' }), download: '' }, 'GDELT'));

  get('events/count', filters).then((c) => { count.textContent = fmt(c.count); }).catch(() => { count.textContent = '?'; });

  let page;
  try {
    page = await get('events', { ...filters, sort, limit, cursor: params.cursor });
  } catch (err) {
    count.textContent = '0';
    table.append(errorBox(err));
    return;
  }
  if (!page.events.length) {
    table.append(el('p.muted', { id: 'no-results' }, 'No events match these filters.'));
  } else {
    table.append(legend(), resultsTable(page.events));
  }
  const pager = el('div.row.pager');
  if (params.cursor) pager.append(el('button.secondary', { onclick: () => go('search', state({})) }, '« First page'));
  if (page.next_cursor) pager.append(el('button', { id: 'next-page', onclick: () => go('search', state({ cursor: page.next_cursor })) }, 'Next page »'));
  table.append(pager);
}

function resultsTable(events) {
  const rows = events.map((e) => el('tr.click', { 'data-event': e.event_id, onclick: () => go('event', {}, { arg: e.event_id }) },
    el('td.nowrap', e.date || '—', e.date_precision && e.date_precision !== 'day' ? el('div.small.muted', e.date_precision) : null),
    el('td', actorLabel(e.source)),
    el('td', quadDot(e.quad), el('span.code', e.cameo), el('div.small', e.cameo_name || '')),
    el('td', actorLabel(e.target)),
    el('td', el('span.code', e.plover || ''), el('div', modalityPill(e.modality))),
    el('td', highlighted(e.sentence || '', e.highlights), el('div.small.muted', [e.outlet, e.pub_date].filter(Boolean).join(' · '))),
    el('td.nowrap', { title: 'mentions / sources' }, `${e.num_mentions} / ${e.num_sources}`)));
  return el('table.data', { id: 'results' },
    el('thead', el('tr', ['Date', 'Source', 'Event', 'Target', 'PLOVER', 'Evidence', 'Reports'].map((h) => el('th', h)))),
    el('tbody', rows));
}
