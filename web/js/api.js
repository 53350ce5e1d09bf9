// Calls to the dyad JSON API (/api/*, doc/api.md). Errors carry the server's message.
export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, v === true ? '1' : String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

export async function get(path, params) {
  const res = await fetch('/api/' + path + query(params), { headers: { Accept: 'application/json' } });
  return decode(res);
}

export async function post(path, body) {
  const res = await fetch('/api/' + path, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return decode(res);
}

async function decode(res) {
  let data = null;
  try { data = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) throw new ApiError(res.status, (data && data.error) || `HTTP ${res.status}`);
  return data;
}

let codebook = null;
// The codebook (CAMEO, PLOVER, QuadClasses, countries), fetched once.
export function getCodebook() {
  if (!codebook) codebook = get('codebook');
  return codebook;
}
