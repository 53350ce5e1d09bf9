// Small DOM helpers shared by the views.
export const QUAD_NAMES = ['', 'Verbal cooperation', 'Material cooperation', 'Verbal conflict', 'Material conflict'];
export const QUAD_COLORS = ['#999', '#3182bd', '#31a354', '#e6850e', '#d62728'];
export const ROLES = ['source', 'verb', 'target', 'place', 'speaker'];

// el('div.card', {onclick}, child, 'text', ...)
export function el(spec, attrs, ...children) {
  const [tag, ...classes] = spec.split('.');
  const node = document.createElement(tag || 'div');
  if (classes.length) node.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'html') node.innerHTML = v;
    else if (k in node && k !== 'list' && k !== 'type') node[k] = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(node, c);
    else node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function quadDot(q) {
  return el('span.quad.q' + q, { title: QUAD_NAMES[q] || '' });
}

// `text` with the highlight spans ([{role, start, end}], UTF-16 offsets) as <mark>s.
export function highlighted(text, spans, cls = 'sentence') {
  const out = el('span.' + cls);
  const list = (spans || []).filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  let pos = 0;
  for (const s of list) {
    if (s.start < pos) continue; // overlapping spans: the first wins
    out.append(text.slice(pos, s.start));
    out.append(el('mark.' + s.role, { title: s.role, 'data-role': s.role }, text.slice(s.start, s.end)));
    pos = s.end;
  }
  out.append(text.slice(pos));
  return out;
}

export function legend() {
  return el('div.legend.small', ROLES.map((r) => el('span', el('mark.' + r, r))));
}

export function actorLabel(a) {
  if (!a || (!a.code && !a.text)) return el('span.muted', '—');
  return el('span', el('span.code', a.code || '?'), a.text ? el('span.muted', ' ' + a.text) : null);
}

export function modalityPill(m) {
  const cls = { negated: 'neg', future: 'fut', reported: 'rep', hypothetical: 'hyp' }[m] || '';
  return el('span.pill' + (cls ? '.' + cls : ''), m || 'asserted');
}

export function goldsteinColor(g) {
  // -10 red, 0 grey, +10 blue
  const t = Math.max(-1, Math.min(1, (g || 0) / 10));
  const mix = (a, b, f) => Math.round(a + (b - a) * f);
  const grey = [150, 150, 150], red = [214, 39, 40], blue = [49, 130, 189];
  const c = t < 0 ? grey.map((v, i) => mix(v, red[i], -t)) : grey.map((v, i) => mix(v, blue[i], t));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export function errorBox(err) {
  return el('div.error', err && err.message ? err.message : String(err));
}

export function toast(message) {
  const t = document.getElementById('toast');
  t.textContent = message;
  t.hidden = false;
  clearTimeout(t._timer);
  t._timer = setTimeout(() => { t.hidden = true; }, 6000);
}

export function fmt(n) { return n === undefined || n === null ? '' : Number(n).toLocaleString('en-US'); }

// First and last day of a period label ("2025-02-18", "2025-W08", "2025-02").
export function periodRange(label) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(label)) return [label, label];
  if (/^\d{4}-\d{2}$/.test(label)) {
    const [y, m] = label.split('-').map(Number);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return [`${label}-01`, `${label}-${String(last).padStart(2, '0')}`];
  }
  const w = /^(\d{4})-W(\d{2})$/.exec(label);
  if (w) {
    const y = Number(w[1]), week = Number(w[2]);
    const jan4 = new Date(Date.UTC(y, 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 864e5 + (week - 1) * 7 * 864e5);
    const sunday = new Date(monday.getTime() + 6 * 864e5);
    return [monday.toISOString().slice(0, 10), sunday.toISOString().slice(0, 10)];
  }
  return [label, label];
}
