// Network: actors for a period; edge width = events, colour = mean Goldstein; click an edge
// or a node -> its events. State: #/network?<filters>&level&limit
import cytoscape from '/vendor/cytoscape/cytoscape.esm.min.mjs';
import { get } from '../api.js';
import { go } from '../app.js';
import { filterForm, pickFilters } from '../filters.js';
import { el, errorBox, goldsteinColor } from '../ui.js';

let cy = null;
export function unmount() { if (cy) { cy.destroy(); cy = null; } }

export async function render(root, params) {
  const filters = pickFilters(params);
  const level = params.level || 'country';
  const limit = params.limit || '120';
  root.append(el('h1', 'Actor network'));
  const levelSel = el('select', { name: 'level', id: 'level' },
    el('option', { value: 'country', selected: level === 'country' }, 'countries (first 3 letters)'),
    el('option', { value: 'actor', selected: level === 'actor' }, 'full actor codes'));
  const form = filterForm(filters, (f) => go('network', { ...f, level: levelSel.value === 'country' ? '' : levelSel.value, limit: params.limit }),
    { names: ['actor', 'country', 'cameo', 'quad', 'plover', 'modality', 'from', 'to', 'outlet', 'events'] });
  form.prepend(el('label', 'Nodes', levelSel));
  root.append(el('div.card', form));
  let net;
  try {
    net = await get('network', { ...filters, level, limit });
  } catch (err) {
    root.append(errorBox(err));
    return;
  }
  const info = el('div.row.small.muted');
  root.append(info);
  if (!net.edges.length) {
    root.append(el('div.card', el('p.muted', { id: 'no-results' }, 'No events between coded actors for these filters.')));
    return;
  }
  info.append(`${net.nodes.length} actors, ${net.edges.length} directed edges (heaviest first). Edge width: events; colour: mean Goldstein `,
    el('span.swatch', { style: 'background:' + goldsteinColor(-10) }), '−10 ',
    el('span.swatch', { style: 'background:' + goldsteinColor(0) }), '0 ',
    el('span.swatch', { style: 'background:' + goldsteinColor(10) }), '+10. Click an edge or a node for its events.');
  const box = el('div', { id: 'cy' });
  root.append(box);
  const maxCount = Math.max(...net.edges.map((e) => e.count));
  const maxNode = Math.max(...net.nodes.map((n) => n.count));
  const elements = [
    ...net.nodes.map((n) => ({ data: { id: n.id, label: n.id, title: n.label, size: 18 + 42 * Math.sqrt(n.count / maxNode) } })),
    ...net.edges.map((e, i) => ({ data: { id: 'e' + i, source: e.source, target: e.target, count: e.count, g: e.goldstein_mean,
      width: 1 + 9 * Math.sqrt(e.count / maxCount), color: goldsteinColor(e.goldstein_mean) } })),
  ];
  cy = cytoscape({
    container: box, elements, wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: { label: 'data(label)', width: 'data(size)', height: 'data(size)', 'background-color': '#1f4e79',
        color: '#1d2330', 'font-size': 11, 'text-valign': 'center', 'text-halign': 'right', 'text-margin-x': 4, 'border-width': 2, 'border-color': '#fff' } },
      { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(color)', 'target-arrow-color': 'data(color)',
        'target-arrow-shape': 'triangle', 'curve-style': 'bezier', opacity: 0.8 } },
      { selector: 'edge:selected, edge.hover', style: { opacity: 1, label: 'data(count)', 'font-size': 10, 'text-background-color': '#fff', 'text-background-opacity': 1 } },
    ],
    layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90, numIter: 1500 },
  });
  cy.on('mouseover', 'edge', (e) => e.target.addClass('hover'));
  cy.on('mouseout', 'edge', (e) => e.target.removeClass('hover'));
  cy.on('tap', 'edge', (e) => {
    const d = e.target.data();
    go('search', { ...filters, actor: '', source: d.source, target: d.target });
  });
  cy.on('tap', 'node', (e) => go('search', { ...filters, actor: e.target.id() }));
  window.dyadCy = cy; // for tests and the console
}
