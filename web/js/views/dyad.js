// Dyad: both directions over time (uPlot): events per direction with mean Goldstein, and
// QuadClass bars. Click a point -> its events. State: #/dyad?a=RUS&b=UKR&by=month&<filters>
import uPlot from '/vendor/uplot/uPlot.esm.js';
import { get } from '../api.js';
import { go } from '../app.js';
import { el, errorBox, periodRange, QUAD_COLORS, QUAD_NAMES } from '../ui.js';

let charts = [];
let resizeHandler = null;

export function unmount() {
  for (const c of charts) c.destroy();
  charts = [];
  if (resizeHandler) window.removeEventListener('resize', resizeHandler);
}

const DYAD_FILTERS = ['cameo', 'quad', 'plover', 'modality', 'from', 'to', 'outlet', 'events'];

export async function render(root, params) {
  const a = (params.a || '').toUpperCase(), b = (params.b || '').toUpperCase();
  const by = params.by || 'month';
  root.append(el('h1', 'Dyad over time'));
  const form = el('form.filters', { id: 'dyad-form' },
    el('label', 'Actor A', el('input', { name: 'a', value: a, placeholder: 'RUS', required: true })),
    el('label', 'Actor B', el('input', { name: 'b', value: b, placeholder: 'UKR', required: true })),
    el('label', 'By', el('select', { name: 'by' }, ['day', 'week', 'month'].map((p) => el('option', { value: p, selected: p === by }, p)))),
    el('label', 'From', el('input', { name: 'from', type: 'date', value: params.from || '' })),
    el('label', 'To', el('input', { name: 'to', type: 'date', value: params.to || '' })),
    el('label', 'CAMEO prefix', el('input', { name: 'cameo', value: params.cameo || '', placeholder: 'any' })),
    el('label', 'Modality', el('select', { name: 'modality' }, el('option', { value: '' }, 'any'),
      ['asserted', 'negated', 'future', 'hypothetical', 'reported'].map((m) => el('option', { value: m, selected: params.modality === m }, m)))),
    el('div.row', el('button', { type: 'submit' }, 'Show')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const p = {};
    for (const x of form.elements) if (x.name && x.value.trim()) p[x.name] = x.value.trim();
    go('dyad', p);
  });
  root.append(el('div.card', form));
  if (!a || !b) {
    const top = await get('network', { limit: 8 });
    root.append(el('div.card', el('p', 'Pick two actors (code prefixes), or one of the busiest pairs:'),
      el('div.row', top.edges.map((e) => el('button.secondary', { onclick: () => go('dyad', { a: e.source, b: e.target, by }) }, `${e.source} ↔ ${e.target} (${e.count})`)))));
    return;
  }
  const filters = {};
  for (const f of DYAD_FILTERS) if (params[f]) filters[f] = params[f];
  let data;
  try {
    data = await get('dyad', { a, b, by, ...filters });
  } catch (err) {
    root.append(errorBox(err));
    return;
  }
  const ab = `${a}->${b}`, ba = `${b}->${a}`;
  const periods = [...new Set(data.series.map((s) => s.period))].sort();
  if (!periods.length) {
    root.append(el('div.card', el('p.muted', { id: 'no-results' }, `No events between ${a} and ${b} for these filters.`)));
    return;
  }
  const at = (dir, field) => periods.map((p) => {
    const r = data.series.find((s) => s.period === p && s.direction === dir);
    return r ? (typeof field === 'function' ? field(r) : r[field]) : (field === 'goldstein_mean' ? null : 0);
  });
  const totals = { [ab]: at(ab, 'count').reduce((x, y) => x + y, 0), [ba]: at(ba, 'count').reduce((x, y) => x + y, 0) };
  root.append(el('div.row.small.muted', `${a} → ${b}: ${totals[ab]} · ${b} → ${a}: ${totals[ba]} · click a point to list its events`));

  const x = periods.map((_, i) => i);
  const label = (u, v) => periods[v] ?? '';
  const width = () => Math.max(400, root.clientWidth - 40);
  const axisX = { values: (u, splits) => splits.map((v) => (Number.isInteger(v) ? label(u, v) : '')), space: 70 };
  const openPeriod = (i, dir) => {
    const [from, to] = periodRange(periods[i]);
    const [s, t] = dir === ba ? [b, a] : [a, b];
    go('search', { ...filters, source: s, target: t, from, to });
  };

  const countsBox = el('div.chart', { id: 'dyad-counts' });
  const quadBox = el('div.chart', { id: 'dyad-quads' });
  root.append(el('h2', 'Events per direction and mean Goldstein'), countsBox,
    el('h2', 'QuadClass, both directions (stacked)'), quadBox);

  const bars = uPlot.paths.bars({ size: [0.35, 40], align: 0 });
  const counts = new uPlot({
    width: width(), height: 300,
    scales: { x: { time: false, range: (u, min, max) => [min - 0.6, max + 0.6] }, g: { range: [-10, 10] } },
    axes: [axisX, { label: 'events' }, { scale: 'g', side: 1, label: 'Goldstein', grid: { show: false } }],
    series: [
      { label: 'period', value: (u, v) => label(u, v) },
      { label: `${a} → ${b}`, stroke: '#1f77b4', fill: 'rgba(31,119,180,0.35)', paths: uPlot.paths.bars({ size: [0.35, 40], align: -1 }), points: { show: false } },
      { label: `${b} → ${a}`, stroke: '#ff7f0e', fill: 'rgba(255,127,14,0.35)', paths: uPlot.paths.bars({ size: [0.35, 40], align: 1 }), points: { show: false } },
      { label: `Goldstein ${a} → ${b}`, scale: 'g', stroke: '#1f77b4', width: 2, dash: [5, 3], spanGaps: true },
      { label: `Goldstein ${b} → ${a}`, scale: 'g', stroke: '#ff7f0e', width: 2, dash: [5, 3], spanGaps: true },
    ],
  }, [x, at(ab, 'count'), at(ba, 'count'), at(ab, 'goldstein_mean'), at(ba, 'goldstein_mean')], countsBox);

  // Stacked QuadClass bars: each series is the running sum, drawn largest first.
  const q = [1, 2, 3, 4].map((k) => periods.map((p) => data.series.filter((s) => s.period === p).reduce((n, s) => n + s.quad[k - 1], 0)));
  const stacked = [];
  for (let k = 0; k < 4; ++k) stacked.push(periods.map((_, i) => q.slice(0, 4 - k).reduce((n, arr) => n + arr[i], 0)));
  const quads = new uPlot({
    width: width(), height: 240,
    scales: { x: { time: false, range: (u, min, max) => [min - 0.6, max + 0.6] } },
    axes: [axisX, { label: 'events' }],
    series: [{ label: 'period', value: (u, v) => label(u, v) },
      ...[4, 3, 2, 1].map((k, j) => ({
        label: QUAD_NAMES[k], stroke: QUAD_COLORS[k], fill: QUAD_COLORS[k], paths: bars, points: { show: false },
        value: (u, v, si, i) => (i == null ? '' : q[k - 1][i]),
      }))],
  }, [x, ...stacked], quadBox);
  charts = [counts, quads];

  counts.over.addEventListener('click', () => {
    const i = counts.cursor.idx;
    if (i == null) return;
    // The direction nearest the cursor: the one whose bar half was clicked.
    const left = counts.posToVal(counts.cursor.left, 'x');
    openPeriod(i, left >= i ? ba : ab);
  });
  quads.over.addEventListener('click', () => {
    const i = quads.cursor.idx;
    if (i != null) openPeriod(i, ab);
  });
  resizeHandler = () => { for (const c of charts) c.setSize({ width: width(), height: c.height }); };
  window.addEventListener('resize', resizeHandler);
}
