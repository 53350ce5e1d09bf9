// Map: event locations clustered, coloured by QuadClass; countries shaded by their events
// (Natural Earth outlines from world-atlas, no tiles). Click -> events. #/map?<filters>
import * as L from '/vendor/leaflet/leaflet-src.esm.js';
import { get, getCodebook } from '../api.js';
import { go } from '../app.js';
import { filterForm, pickFilters } from '../filters.js';
import { el, errorBox, fmt, QUAD_COLORS, QUAD_NAMES } from '../ui.js';

let map = null;
let outlines = null;
// Leaving the view while a zoom animation runs made Leaflet read a removed pane
// ("_leaflet_pos" of undefined): stop it and drop the handlers first.
export function unmount() {
  if (map) {
    map.stop();
    map.off();
    map.remove();
    map = null;
  }
}

function countries() {
  if (!outlines) {
    outlines = fetch('/vendor/world-atlas/countries-110m.json').then((r) => r.json())
      .then((topo) => window.topojson.feature(topo, topo.objects.countries));
  }
  return outlines;
}

function dominantQuad(quad) {
  let best = 0;
  for (let k = 1; k < 4; ++k) if (quad[k] > quad[best]) best = k;
  return best + 1;
}

export async function render(root, params) {
  const filters = pickFilters(params);
  root.append(el('h1', 'Map of event locations'));
  root.append(el('div.card', filterForm(filters, (f) => go('map', f),
    { names: ['actor', 'source', 'target', 'country', 'cameo', 'quad', 'plover', 'modality', 'from', 'to', 'outlet', 'events'] })));
  let data, geo, cb;
  try {
    [data, geo, cb] = await Promise.all([get('places', { ...filters, limit: 5000 }), countries(), getCodebook()]);
  } catch (err) {
    root.append(errorBox(err));
    return;
  }
  const points = data.places.filter((p) => p.precision === 'point');
  const byCountry = {};
  for (const p of data.places) if (p.country) byCountry[p.country] = (byCountry[p.country] || 0) + p.count;
  const numericToIso3 = {};
  for (const c of cb.countries) numericToIso3[c.numeric] = c.iso3;
  root.append(el('div.row.small.muted', `${points.length} places with coordinates, ${Object.keys(byCountry).length} countries. Circles: places (clustered), colour = most frequent QuadClass `,
    [1, 2, 3, 4].map((q) => el('span', el('span.swatch', { style: `background:${QUAD_COLORS[q]}` }), QUAD_NAMES[q] + ' ')),
    '· shading: events located in the country.'));
  const box = el('div', { id: 'map' });
  root.append(box);
  map = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 10, attributionControl: true, preferCanvas: false, zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false }).setView([30, 20], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Outlines: Natural Earth (world-atlas) · Places: GeoNames');
  const max = Math.max(1, ...Object.values(byCountry));
  L.geoJSON(geo, {
    style: (f) => {
      const n = byCountry[numericToIso3[f.id]] || 0;
      const t = n ? 0.15 + 0.65 * Math.log1p(n) / Math.log1p(max) : 0;
      return { color: '#9aa5b1', weight: 0.6, fillColor: n ? '#3b6ea5' : '#f4f1ea', fillOpacity: n ? t : 1 };
    },
    onEachFeature: (f, layer) => {
      const iso3 = numericToIso3[f.id];
      const n = byCountry[iso3] || 0;
      layer.bindTooltip(`${f.properties.name}${n ? ': ' + fmt(n) + ' events' : ''}`, { sticky: true });
      if (n) layer.on('click', () => go('search', { ...filters, country: iso3 }));
    },
  }).addTo(map);

  const clusters = L.layerGroup().addTo(map);
  const draw = () => {
    clusters.clearLayers();
    const cell = 48;
    const cells = new Map();
    for (const p of points) {
      const pt = map.project([p.lat, p.lon], map.getZoom());
      const key = `${Math.floor(pt.x / cell)}:${Math.floor(pt.y / cell)}`;
      let c = cells.get(key);
      if (!c) cells.set(key, (c = { places: [], count: 0, quad: [0, 0, 0, 0], lat: 0, lon: 0 }));
      c.places.push(p);
      c.count += p.count;
      for (let k = 0; k < 4; ++k) c.quad[k] += p.quad[k];
      c.lat += p.lat * p.count;
      c.lon += p.lon * p.count;
    }
    for (const c of cells.values()) {
      const center = [c.lat / c.count, c.lon / c.count];
      const q = dominantQuad(c.quad);
      const radius = 6 + 4 * Math.sqrt(c.count);
      const marker = L.circleMarker(center, { radius: Math.min(radius, 40), color: '#fff', weight: 1.5, fillColor: QUAD_COLORS[q], fillOpacity: 0.85, className: 'place-marker' });
      const names = c.places.slice(0, 5).map((p) => `${p.place || p.country} (${p.count})`).join(', ');
      marker.bindTooltip(`${fmt(c.count)} events: ${names}${c.places.length > 5 ? ', …' : ''}`);
      marker.on('click', () => {
        if (c.places.length > 1 && map.getZoom() < map.getMaxZoom()) {
          map.fitBounds(L.latLngBounds(c.places.map((p) => [p.lat, p.lon])).pad(0.5), { maxZoom: map.getZoom() + 3, animate: false });
        } else {
          const p = c.places[0];
          go('search', { ...filters, place: p.place, country: filters.country || '' });
        }
      });
      marker.addTo(clusters);
      if (c.places.length > 1 || c.count > 1) {
        L.marker(center, { interactive: false, icon: L.divIcon({ className: 'cluster-label', html: String(c.count), iconSize: [30, 12] }) }).addTo(clusters);
      }
    }
  };
  map.on('zoomend', draw);
  draw();
  if (points.length) map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lon])).pad(0.3), { maxZoom: 5, animate: false });
  window.dyadMap = map; // for tests and the console
}
