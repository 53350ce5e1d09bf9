// One deduplicated event: its evidence highlighted, why it was coded, every mention.
import { get } from '../api.js';
import { go } from '../app.js';
import { actorLabel, el, highlighted, legend, modalityPill, quadDot, QUAD_NAMES } from '../ui.js';

export async function render(root, params, id) {
  const ev = await get('events/' + encodeURIComponent(id || ''));
  const r = ev.representative;
  root.append(el('div.row', el('a', { href: 'javascript:history.back()' }, '← back'), el('span.spacer'),
    el('span.muted', `event ${ev.event_id} · ${ev.num_mentions} mention(s) in ${ev.num_articles} article(s) from ${ev.num_sources} source(s)`)));
  // The heading names the actors (canonical names), the evidence shows their words ("he").
  const named = (a) => (a && a.name ? { ...a, text: a.name } : a);
  root.append(el('h1', actorLabel(named(r.source)), ' → ', el('span', quadDot(r.quad), r.cameo_name || r.cameo), ' → ', actorLabel(named(r.target))));

  const place = r.location;
  root.append(el('div.card', { id: 'evidence-card' },
    legend(),
    el('div.evidence', { id: 'evidence' }, highlighted(r.sentence || '', r.highlights)),
    el('dl.facts',
      el('dt', 'Source'), el('dd', actorLabel(r.source), r.source && r.source.name ? el('span.muted', ` (${r.source.name})`) : null),
      el('dt', 'Event'), el('dd', el('span.code', r.cameo), ' ', r.cameo_name || '', ' · verb ', el('mark.verb', r.verb || '—')),
      el('dt', 'Target'), el('dd', actorLabel(r.target)),
      el('dt', 'QuadClass / Goldstein'), el('dd', quadDot(r.quad), `${QUAD_NAMES[r.quad] || '—'} · ${r.goldstein}`),
      el('dt', 'PLOVER'), el('dd', el('span.code', r.plover || '—'), r.plover_mode ? ` · mode ${r.plover_mode}` : '', r.plover_context ? ` · context ${r.plover_context}` : ''),
      el('dt', 'Modality'), el('dd', modalityPill(r.modality), r.speaker && r.speaker.text ? ` said by ${r.speaker.text}${r.speaker.code ? ' (' + r.speaker.code + ')' : ''}` : ''),
      el('dt', 'Date'), el('dd', r.date || '—', el('span.muted', ` precision ${r.date_precision || '?'}, from ${r.date_basis || '?'}${r.date_text ? ': “' + r.date_text + '”' : ''}`)),
      el('dt', 'Place'), el('dd', place ? [place.text, place.country ? ` (${place.country})` : '',
        Number.isFinite(place.lat) ? el('span.muted', ` ${place.lat.toFixed(3)}, ${place.lon.toFixed(3)}`) : el('span.muted', ' no coordinates')] : '—'),
      el('dt', 'Confidence'), el('dd', r.confidence !== undefined ? Number(r.confidence).toFixed(2) : '—'),
      el('dt', 'First seen'), el('dd', ev.first_seen || '—')),
    el('h2', 'Why it was coded'),
    el('div.reason', { id: 'reason' }, r.reason || '(no reason recorded)')));

  root.append(el('div.card',
    el('h2', `Mentions (${ev.mentions.length})`),
    el('table.data', { id: 'mentions' },
      el('thead', el('tr', ['Outlet', 'Published', 'Sentence', 'Link'].map((h) => el('th', h)))),
      el('tbody', ev.mentions.map((m) => el('tr',
        el('td', m.outlet || '—'), el('td.nowrap', m.pub_date || '—'),
        el('td', highlighted(m.sentence || '', m.highlights), el('div.small.muted', `${m.source.code || '?'} ${m.cameo} ${m.target && m.target.code ? m.target.code : ''} · ${m.modality}`)),
        el('td', m.url ? el('a', { href: m.url, target: '_blank', rel: 'noopener noreferrer' }, 'article') : el('span.muted', m.article_id))))))));

  const a = r.source && r.source.code, b = r.target && r.target.code;
  if (a && b) {
    root.append(el('p', el('a', { href: '#', onclick: (e) => { e.preventDefault(); go('dyad', { a: a.slice(0, 3), b: b.slice(0, 3) }); } },
      `See ${a.slice(0, 3)} ↔ ${b.slice(0, 3)} over time`)));
  }
}
