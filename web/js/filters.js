// The filter form shared by the search, network and map views. Its names and values are the
// API's (and `dyad query`'s): actor, source, target, country, cameo, quad, plover, modality,
// from, to, outlet, place, text, events.
import { get, getCodebook } from './api.js';
import { el, QUAD_NAMES } from './ui.js';

export const FILTERS = ['actor', 'source', 'target', 'country', 'cameo', 'quad', 'plover', 'modality',
  'from', 'to', 'outlet', 'place', 'text', 'events'];

const LABELS = {
  actor: 'Actor (either side)', source: 'Source', target: 'Target', country: 'Country (ISO3)',
  cameo: 'CAMEO prefix', quad: 'QuadClass', plover: 'PLOVER type', modality: 'Modality',
  from: 'From', to: 'To', outlet: 'Outlet', place: 'Place', text: 'Full text', events: 'Dedup',
};

let outlets = null;

// Renders the form with `values`; onSubmit(params) gets the non-empty filters.
export function filterForm(values, onSubmit, { names = FILTERS, submitLabel = 'Apply' } = {}) {
  const form = el('form.filters', { id: 'filters', autocomplete: 'off' });
  const input = (name, attrs = {}) => el('input', { name, value: values[name] || '', ...attrs });
  const fields = {
    actor: () => input('actor', { placeholder: 'RUS, USAGOV' }),
    source: () => input('source', { placeholder: 'RUS' }),
    target: () => input('target', { placeholder: 'UKR' }),
    country: () => input('country', { placeholder: 'SYR', maxLength: 3 }),
    cameo: () => input('cameo', { placeholder: '19, 036', maxLength: 4 }),
    quad: () => el('select', { name: 'quad' }, el('option', { value: '' }, 'any'),
      [1, 2, 3, 4].map((q) => el('option', { value: String(q), selected: String(values.quad) === String(q) }, `${q} ${QUAD_NAMES[q]}`))),
    plover: () => input('plover', { placeholder: 'CONSULT', list: 'plover-list' }),
    modality: () => el('select', { name: 'modality' }, el('option', { value: '' }, 'any'),
      ['asserted', 'negated', 'future', 'hypothetical', 'reported'].map((m) => el('option', { value: m, selected: values.modality === m }, m))),
    from: () => input('from', { type: 'date' }),
    to: () => input('to', { type: 'date' }),
    outlet: () => input('outlet', { placeholder: 'any', list: 'outlet-list' }),
    place: () => input('place', { placeholder: 'Kyiv' }),
    text: () => input('text', { placeholder: 'ceasefire OR truce' }),
    events: () => el('select', { name: 'events' },
      el('option', { value: '' }, 'every mention'),
      el('option', { value: '1', selected: values.events === '1' || values.events === true }, 'one row per event')),
  };
  for (const n of names) {
    const f = fields[n]();
    if (f.tagName === 'INPUT' && f.name === 'from') f.type = 'date';
    if (f.tagName === 'INPUT' && f.name === 'to') f.type = 'date';
    form.append(el('label', LABELS[n], f));
  }
  const ploverList = el('datalist', { id: 'plover-list' });
  const outletList = el('datalist', { id: 'outlet-list' });
  form.append(ploverList, outletList);
  // plover/outlet inputs get the list attribute now that the datalists exist.
  for (const i of form.querySelectorAll('input[name=plover]')) i.setAttribute('list', 'plover-list');
  for (const i of form.querySelectorAll('input[name=outlet]')) i.setAttribute('list', 'outlet-list');
  getCodebook().then((cb) => {
    for (const p of cb.plover) ploverList.append(el('option', { value: p.name }));
  }).catch(() => {});
  (outlets || (outlets = get('outlets'))).then((o) => {
    for (const x of o.outlets) outletList.append(el('option', { value: x.outlet }, `${x.articles} articles`));
  }).catch(() => {});
  form.append(el('div.row', el('button', { type: 'submit' }, submitLabel),
    el('button.secondary', { type: 'button', onclick: () => { form.reset(); for (const e of form.elements) if (e.name) e.value = ''; onSubmit({}); } }, 'Clear')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    onSubmit(readForm(form));
  });
  return form;
}

export function readForm(form) {
  const out = {};
  for (const e of form.elements) {
    if (!e.name) continue;
    const v = e.value.trim();
    if (v) out[e.name] = v;
  }
  return out;
}

// The filter subset of a params object.
export function pickFilters(params) {
  const out = {};
  for (const n of FILTERS) if (params[n]) out[n] = params[n];
  return out;
}
