// Paste an article: code it live (POST /api/code, nothing stored) and see its events
// highlighted in the text. The text is kept in sessionStorage, not the URL.
import { post } from '../api.js';
import { actorLabel, el, errorBox, legend, modalityPill, quadDot } from '../ui.js';

const EXAMPLE = `Russian Foreign Minister Sergei Lavrov met US Secretary of State Marco Rubio in Riyadh on Tuesday. The two sides agreed to restore embassy staff. Ukraine's President Volodymyr Zelensky criticised the talks and said Kyiv would not accept any deal made without it.`;

export async function render(root) {
  root.append(el('h1', 'Paste an article'));
  const text = el('textarea.article', { id: 'article-text', placeholder: 'Paste the text of a news article (English)…' });
  text.value = sessionStorage.getItem('dyad-live-text') || '';
  const date = el('input', { id: 'article-date', type: 'date', value: sessionStorage.getItem('dyad-live-date') || new Date().toISOString().slice(0, 10) });
  const out = el('div', { id: 'live-out' });
  const button = el('button', { id: 'code-it', type: 'submit' }, 'Code it');
  const form = el('form', el('div.field', 'Article text', text),
    el('div.row', { style: 'margin-top:8px' }, el('label.field', 'Publication date', date), el('span.spacer'),
      el('button.secondary', { type: 'button', onclick: () => { text.value = EXAMPLE; } }, 'Use an example'), button));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    sessionStorage.setItem('dyad-live-text', text.value);
    sessionStorage.setItem('dyad-live-date', date.value);
    button.disabled = true;
    button.textContent = 'Coding…';
    out.replaceChildren();
    try {
      const res = await post('code', { text: text.value, date: date.value });
      show(out, text.value, res);
    } catch (err) {
      out.append(errorBox(err));
    } finally {
      button.disabled = false;
      button.textContent = 'Code it';
    }
  });
  root.append(el('div.card', form), out);
}

function show(out, text, res) {
  const spans = [];
  res.events.forEach((e, i) => { for (const h of e.highlights) spans.push({ ...h, event: i }); });
  out.append(el('div.row', el('span.stat', { id: 'live-count' }, String(res.events.length)), el('span.muted', ` event(s) in ${res.sentences} sentence(s)`)));
  // The text with every event's spans; hovering an event row shows only its own.
  const body = el('div.live-text', { id: 'live-text' });
  const paint = (only) => {
    body.replaceChildren();
    const list = spans.filter((s) => only === undefined || s.event === only).sort((a, b) => a.start - b.start || b.end - a.end);
    let pos = 0;
    for (const s of list) {
      if (s.start < pos) continue;
      body.append(text.slice(pos, s.start), el('mark.' + s.role, { title: `${s.role} of event ${s.event + 1}` }, text.slice(s.start, s.end)));
      pos = s.end;
    }
    body.append(text.slice(pos));
  };
  paint();
  const rows = res.events.map((e, i) => el('tr', { onmouseenter: () => paint(i), onmouseleave: () => paint() },
    el('td', String(i + 1)), el('td', actorLabel(e.source)), el('td', quadDot(e.quad), el('span.code', e.cameo), ' ', e.cameo_name),
    el('td', actorLabel(e.target)), el('td', modalityPill(e.modality)), el('td.nowrap', e.date || ''),
    el('td', e.location ? e.location.text : ''), el('td.small.muted', e.reason || '')));
  out.append(el('div.card', legend(), body),
    el('div.card', el('h2', 'Events (hover a row to see its evidence)'),
      res.events.length ? el('table.data', { id: 'live-events' }, el('thead', el('tr', ['#', 'Source', 'Event', 'Target', 'Modality', 'Date', 'Place', 'Reason'].map((h) => el('th', h)))), el('tbody', rows))
        : el('p.muted', 'No events found in this text.')));
}
