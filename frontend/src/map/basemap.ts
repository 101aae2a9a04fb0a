// A Leaflet map on the offline basemap shipped with the app (French départements and régions),
// with an optional online tile layer chosen in « Paramètres ».

import L from './leaflet';
import { feature, mesh } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, Geometry, MultiLineString } from 'geojson';
import { tileSettings } from '../lib/settings';
import { kindGroup, kindFr } from '../lib/labels';
import { cached } from '../lib/api';
import type { Prefectures } from '../lib/types';
import { basemapCode, geometryBox, type Box } from './outlines';
import { layoutLabels, sameRects, type LabelBox, type Rect, type Shift } from './declutter';
import { namesAt, prefecturePriority, type TownLabel } from './names';

interface DeptProps {
  code: string;
  nom: string;
  region: string;
  region_code: string;
  academie: string;
}

interface Basemap {
  /** Metropolitan départements, then the overseas ones (when their file loaded). */
  departements: FeatureCollection<Geometry, DeptProps>;
  regions: MultiLineString;
}

let basemap: Promise<Basemap> | null = null;

function getGeo<T>(file: string): Promise<T> {
  return fetch(`${import.meta.env.BASE_URL}geo/${file}`).then((r) => {
    if (!r.ok) throw new Error(`fond de carte indisponible (${r.status})`);
    return r.json() as Promise<T>;
  });
}

function loadBasemap(): Promise<Basemap> {
  if (!basemap) {
    // The overseas départements and collectivités come in a file of their own (see
    // scripts/make-basemap.mjs); without it, metropolitan France is still drawn.
    const overseas = getGeo<FeatureCollection<Geometry, DeptProps>>('outre-mer.geo.json').catch(() => null);
    basemap = getGeo<Topology<{ departements: GeometryCollection<DeptProps> }>>('france-departements.topo.json').then(async (topo) => {
      const metro = feature(topo, topo.objects.departements) as FeatureCollection<Geometry, DeptProps>;
      const outre = await overseas;
      return {
        departements: { type: 'FeatureCollection', features: [...metro.features, ...(outre?.features ?? [])] },
        regions: mesh(topo, topo.objects.departements, (a, b) => a !== b && (a.properties as DeptProps).region_code !== (b.properties as DeptProps).region_code),
      };
    });
    basemap.catch(() => {
      basemap = null;
    });
  }
  return basemap;
}

/** The neighbouring countries' land (Belgium, Germany…, Suriname and Brazil next to Guyane…),
 * a file of its own drawn under the départements (scripts/make-basemap.mjs): without it, the
 * map is as before, neighbours painted like the sea. */
let voisins: Promise<FeatureCollection<Geometry, { nom: string }>> | null = null;

function loadVoisins(): Promise<FeatureCollection<Geometry, { nom: string }>> {
  if (!voisins) {
    voisins = getGeo<Topology<{ voisins: GeometryCollection<{ nom: string }> }>>('voisins.topo.json').then(
      (topo) => feature(topo, topo.objects.voisins) as FeatureCollection<Geometry, { nom: string }>,
    );
    voisins.catch(() => {
      voisins = null;
    });
  }
  return voisins;
}

/** The bounding boxes of the basemap's départements (metropolitan and overseas), to tell the
 * points that fall on no outline; null when the basemap could not be loaded. */
export async function outlineBoxes(): Promise<Box[] | null> {
  try {
    return (await loadBasemap()).departements.features.map((f) => geometryBox(f.geometry));
  } catch {
    return null;
  }
}

const BASEMAP_ATTRIBUTION =
  'Fond : <a href="https://www.naturalearthdata.com/">Natural Earth</a> (domaine public) ; ' +
  'départements, régions : Éducation nationale (Licence Ouverte)';

/** The offline basemap has nothing to show past zoom 13; online tiles go further. */
export function maxZoomFor(tileUrl: string): number {
  return tileUrl ? 18 : 13;
}

/** The préfectures (GET /prefectures), once per page load. */
export function prefectures(): Promise<Prefectures['prefectures']> {
  return cached<Prefectures>('/prefectures').then((b) => b.prefectures);
}

/** `name|département` of each préfecture ('Rodez|12'): the town labels skip them. */
export async function prefectureKeys(): Promise<Set<string>> {
  try {
    return new Set((await prefectures()).map((p) => `${p.name}|${p.departement}`));
  } catch {
    return new Set();
  }
}

export const FRANCE_BOUNDS = L.latLngBounds([41.3, -5.2], [51.1, 9.6]);

/** Whether a département code is metropolitan France's (01–95, 2A, 2B), not overseas (97x, 98x). */
export function isMetropolitan(code: string): boolean {
  return !/^9[78]/.test(code);
}

/** Whether a point lies in metropolitan France (Corsica included). */
export function inMetropole(lat: number, lon: number): boolean {
  return FRANCE_BOUNDS.contains([lat, lon]);
}

export interface CmqMap {
  map: L.Map;
  /** Resolves once the basemap is drawn. */
  ready: Promise<void>;
  /** Runs `fn` once the basemap is drawn, unless the map was destroyed meanwhile. */
  whenReady(fn: () => void): void;
  /** The names on the map (préfectures, towns), shown only where they cover no other. */
  labels: LabelRegistry;
  destroy(): void;
}

/** Markers whose permanent tooltip is a name: decluttered together after each zoom and each
 * change of the names shown (declutter.ts). A name left out has the class `label--hidden`;
 * `peek` shows it while its place is hovered or focused. */
export interface LabelRegistry {
  add(marker: L.Marker, key: string, priority: number): void;
  remove(marker: L.Marker): void;
  peek(key: string, on: boolean): void;
  /** Lays the names out again (after markers moved: a group of places split or spread). */
  refresh(): void;
}

/** How long after a change the names are laid out once more (the markers' moves last 0.3 s). */
const SETTLE_MS = 350;
/** While markers move, how often they are measured again, and for how long at most. */
const SETTLE_POLL_MS = 120;
const MAX_SETTLE_MS = 4000;

function createLabelRegistry(map: L.Map): LabelRegistry & { dispose(): void } {
  const labelled = new Map<L.Marker, { key: string; priority: number }>();
  const byKey = new Map<string, L.Marker>();
  // how far each label was moved from where Leaflet draws it (CSS `translate`, which adds to
  // the `transform` Leaflet positions it with)
  const moved = new WeakMap<HTMLElement, Shift>();
  let frame = 0;
  const elementOf = (m: L.Marker): HTMLElement | undefined => m.getTooltip()?.getElement();
  /** The markers' visible shapes (a group's whole bubble, its halo included: a name touching
   * it read as the group's; a pin) and the préfectures' dots: no name is drawn over them. */
  const obstacles = (): Rect[] => {
    const out: Rect[] = [];
    const icons = map.getPane('markerPane')?.querySelectorAll<HTMLElement>('.leaflet-marker-icon') ?? [];
    for (const icon of icons) {
      const r = (icon.classList.contains('marker-cluster') ? icon : (icon.firstElementChild ?? icon)).getBoundingClientRect();
      if (r.width && r.height && getComputedStyle(icon).opacity !== '0') out.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    }
    for (const dot of map.getPane('etiquettes')?.querySelectorAll<HTMLElement>('.pref-dot') ?? []) {
      const r = dot.getBoundingClientRect();
      if (r.width && r.height) out.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    }
    return out;
  };
  const run = (): void => {
    frame = 0;
    const boxes: LabelBox[] = [];
    const els = new Map<string, HTMLElement>();
    for (const [m, info] of labelled) {
      const el = elementOf(m);
      if (!el || !map.hasLayer(m)) continue;
      const r = el.getBoundingClientRect();
      if (!r.width && !r.height) continue; // the map is not laid out (hidden): left as it is
      const was = moved.get(el) ?? { dx: 0, dy: 0 };
      const dot = m.getElement()?.getBoundingClientRect();
      boxes.push({
        key: info.key,
        priority: info.priority,
        left: r.left - was.dx,
        top: r.top - was.dy,
        right: r.right - was.dx,
        bottom: r.bottom - was.dy,
        anchor: dot ? { x: dot.left + dot.width / 2, y: dot.top + dot.height / 2 } : undefined,
      });
      els.set(info.key, el);
      el.dataset.label = info.key;
    }
    const walls = obstacles();
    const shown = layoutLabels(boxes, walls);
    for (const [key, el] of els) {
      const at = shown.get(key);
      el.classList.toggle('label--hidden', !at);
      // a hidden name shows on hover where it is drawn
      const s = at ?? { dx: 0, dy: 0 };
      el.style.translate = s.dx || s.dy ? `${s.dx}px ${s.dy}px` : '';
      moved.set(el, s);
    }
    // the markers may still be moving (a group splitting glides for 0.3 s, longer on a busy
    // machine): measured again shortly, laid out again until they stand still
    watchSettling(walls);
  };
  // Until the markers stand still after a zoom or a change of groups, the names are faded
  // out (`map--labels-settling`): a name laid out around where a group was would sit over it
  // where it goes. Two measures SETTLE_POLL_MS apart that agree end it (MAX_SETTLE_MS at most).
  let settling = 0;
  let settleUntil = 0;
  let lastWalls: Rect[] | null = null;
  const container = map.getContainer();
  const unsettle = (): void => {
    container.classList.add('map--labels-settling');
    settleUntil = performance.now() + MAX_SETTLE_MS;
    lastWalls = null;
  };
  const watchSettling = (walls: Rect[]): void => {
    window.clearTimeout(settling);
    if (!container.classList.contains('map--labels-settling')) return;
    if ((lastWalls && sameRects(lastWalls, walls)) || performance.now() > settleUntil) {
      container.classList.remove('map--labels-settling');
      lastWalls = null;
      return;
    }
    lastWalls = walls;
    settling = window.setTimeout(() => {
      if (!frame) frame = requestAnimationFrame(run);
    }, SETTLE_POLL_MS);
  };
  // After the frame: the tooltips of the markers just added are open and laid out by then;
  // and once more when the markers have stopped moving (the groups of places glide to their
  // places for 0.3 s after a zoom, leaflet.markercluster's CSS): the names are laid out around
  // where the markers end.
  let settle = 0;
  const refresh = (): void => {
    if (!frame) frame = requestAnimationFrame(run);
    window.clearTimeout(settle);
    settle = window.setTimeout(() => {
      if (!frame) frame = requestAnimationFrame(run);
    }, SETTLE_MS);
  };
  // a marker added or removed (a group of places split or merged) moves the names around it
  const onLayer = (e: L.LayerEvent): void => {
    if (!(e.layer instanceof L.Marker)) return;
    // a group or a place (not a name) came or went: the groups around it move
    if (e.layer.options.pane !== 'etiquettes') unsettle();
    refresh();
  };
  map.on('zoomstart', unsettle);
  // 'resize': a map drawn while hidden (zero size) is measured again once shown.
  map.on('zoomend resize', refresh);
  map.on('layeradd layerremove', onLayer as L.LeafletEventHandlerFn);
  return {
    add(marker, key, priority) {
      labelled.set(marker, { key, priority });
      byKey.set(key, marker);
      refresh();
    },
    remove(marker) {
      const info = labelled.get(marker);
      if (info && byKey.get(info.key) === marker) byKey.delete(info.key);
      labelled.delete(marker);
    },
    peek(key, on) {
      const m = byKey.get(key);
      const el = m && elementOf(m);
      el?.classList.toggle('label--peek', on);
    },
    refresh,
    dispose() {
      if (frame) cancelAnimationFrame(frame);
      window.clearTimeout(settle);
      window.clearTimeout(settling);
      frame = 0;
      labelled.clear();
      byKey.clear();
    },
  };
}

export function createMap(el: HTMLElement, label: string): CmqMap {
  el.classList.add('map');
  el.setAttribute('role', 'region');
  el.setAttribute('aria-label', label);
  const map = L.map(el, {
    zoomSnap: 0.5,
    // 3: metropolitan France and its overseas départements in one view of a wide screen
    minZoom: 3,
    maxZoom: maxZoomFor(tileSettings().url),
    worldCopyJump: false,
    attributionControl: true,
  });
  map.fitBounds(FRANCE_BOUNDS, { padding: [16, 16] });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  // The neighbouring countries under the départements, over the online tiles (hidden with them).
  map.createPane('voisins');
  map.getPane('voisins')!.style.zIndex = '240';
  map.getPane('voisins')!.style.pointerEvents = 'none';
  map.createPane('fond');
  map.getPane('fond')!.style.zIndex = '250';
  map.createPane('frontieres');
  map.getPane('frontieres')!.style.zIndex = '350';
  map.getPane('frontieres')!.style.pointerEvents = 'none';
  // Names (départements, towns) under the markers (600), never over them.
  map.createPane('etiquettes');
  map.getPane('etiquettes')!.style.zIndex = '450';
  map.getPane('etiquettes')!.style.pointerEvents = 'none';
  const labels = createLabelRegistry(map);

  let fill: L.GeoJSON | null = null;
  let land: L.GeoJSON | null = null;
  // Préfecture names: a dot at the town hall, the name to its right, under the markers.
  const regionalPrefs = L.layerGroup();
  const otherPrefs = L.layerGroup();
  const showPrefectures = (): void => {
    const shown = namesAt(map.getZoom());
    if (shown.regionalPrefectures) regionalPrefs.addTo(map);
    else regionalPrefs.remove();
    if (shown.prefectures) otherPrefs.addTo(map);
    else otherPrefs.remove();
  };
  void prefectures()
    .then((list) => {
      if (!alive) return;
      for (const p of list) {
        const m = L.marker([p.lat, p.lon], {
          interactive: false,
          keyboard: false,
          pane: 'etiquettes',
          icon: L.divIcon({ className: `pref-dot${p.regional ? ' pref-dot--region' : ''}`, html: '', iconSize: [6, 6] }),
        })
          .bindTooltip(prefectureLabel(p.name, `${p.departement_name} (${p.departement})`), {
            permanent: true,
            direction: 'right',
            offset: [3, 0],
            className: `pref-label${p.regional ? ' pref-label--region' : ''}`,
            pane: 'etiquettes',
          })
          .addTo(p.regional ? regionalPrefs : otherPrefs);
        labels.add(m, `pref:${p.name}|${p.departement}`, prefecturePriority(p.regional));
      }
      showPrefectures();
    })
    .catch(() => undefined);
  map.on('zoomend', showPrefectures);
  let tiles: L.TileLayer | null = null;
  let alive = true;

  const applyTiles = (): void => {
    const s = tileSettings();
    if (tiles) {
      tiles.remove();
      tiles = null;
    }
    if (s.url) {
      tiles = L.tileLayer(s.url, { attribution: s.attribution || 'Tuiles : serveur choisi dans les paramètres', maxZoom: 19 });
      tiles.addTo(map);
    }
    el.classList.toggle('map--tiles', Boolean(s.url));
    map.setMaxZoom(maxZoomFor(s.url));
    fill?.setStyle({ fillOpacity: s.url ? 0 : 1 });
    // the tiles draw the neighbouring countries themselves
    if (land && s.url) land.remove();
    else if (land && !s.url) land.addTo(map);
  };

  // Département names at zoom 7, under their préfecture's name; closer in, the town names
  // take over (a name at the centre of each département would cover its préfecture's).
  const showLabels = (): void => {
    el.classList.toggle('map--dept-names', namesAt(map.getZoom()).departements);
    labels.refresh();
  };

  const ready = loadBasemap()
    .then((b) => {
      if (!alive) return;
      fill = L.geoJSON(b.departements, {
        pane: 'fond',
        interactive: false,
        // metropolitan départements apart from the overseas ones (a page's check of its view)
        style: (f) => ({ color: '#9a9a9a', weight: 0.7, fillColor: '#f7f5ef', fillOpacity: 1, className: isMetropolitan(f?.properties.code ?? '') ? 'fond-metropole' : 'fond-outremer' }),
      }).addTo(map);
      L.geoJSON(b.regions, {
        pane: 'frontieres',
        interactive: false,
        style: { color: '#5a5a5a', weight: 1.6, opacity: 0.8 },
      }).addTo(map);
      map.attributionControl.addAttribution(BASEMAP_ATTRIBUTION);
      applyTiles();
      showLabels();
    })
    .catch(() => {
      if (!alive) return;
      // Without the basemap the markers still show; say so in the attribution corner.
      map.attributionControl.addAttribution('Fond de carte indisponible');
      applyTiles();
    });

  // Asked for after the départements, fetched beside them, drawn whenever it comes (its pane is
  // under theirs).
  void loadVoisins()
    .then((fc) => {
      if (!alive) return;
      land = L.geoJSON(fc, {
        pane: 'voisins',
        interactive: false,
        style: { color: '#c4c4c0', weight: 0.7, fillColor: '#e2e2de', fillOpacity: 1 },
      });
      if (!tileSettings().url) land.addTo(map);
      map.attributionControl.addAttribution(BASEMAP_ATTRIBUTION);
    })
    .catch(() => undefined);

  map.on('zoomend', showLabels);
  const onSettings = (): void => applyTiles();
  window.addEventListener('cmq:settings', onSettings);

  return {
    map,
    ready,
    labels,
    whenReady(fn) {
      void ready.then(() => {
        if (alive) fn();
      });
    },
    destroy() {
      alive = false;
      labels.dispose();
      window.removeEventListener('cmq:settings', onSettings);
      map.stop();
      map.off();
      map.remove();
    },
  };
}

/** Town names at a zoom where they can be read: each town once, at the mean point of the
 * places shown in it, written under that point so that its markers stay visible; where names
 * would overlap, the most important ones only (the others on hover, see LabelRegistry.peek). */
export function townLabels(cmap: CmqMap, towns: TownLabel[]): { update(): void; destroy(): void } {
  const layer = L.layerGroup();
  const markers: L.Marker[] = [];
  for (const t of towns) {
    const m = L.marker([t.lat, t.lon], {
      interactive: false,
      keyboard: false,
      pane: 'etiquettes',
      icon: L.divIcon({ className: 'town-dot', html: '', iconSize: [0, 0] }),
    })
      .bindTooltip(textElement(t.name), { permanent: true, direction: 'bottom', offset: [0, 12], className: 'town-label', pane: 'etiquettes' })
      .addTo(layer);
    cmap.labels.add(m, t.key, t.priority);
    markers.push(m);
  }
  return {
    update() {
      if (namesAt(cmap.map.getZoom()).towns) layer.addTo(cmap.map);
      else layer.remove();
    },
    destroy() {
      layer.remove();
      for (const m of markers) cmap.labels.remove(m);
    },
  };
}

async function departementFeatures(codes: string[]): Promise<FeatureCollection<Geometry, DeptProps> | null> {
  const wanted = new Set(codes.map(basemapCode).filter(Boolean));
  if (!wanted.size) return null;
  try {
    const b = await loadBasemap();
    const features = b.departements.features.filter((f) => wanted.has(f.properties.code));
    return features.length ? { type: 'FeatureCollection', features } : null;
  } catch {
    return null;
  }
}

/** The given départements ('12', '046', '2A', '971'…) as a highlighted layer, for a territory. */
export async function territoryLayer(codes: string[]): Promise<L.GeoJSON | null> {
  const fc = await departementFeatures(codes);
  if (!fc) return null;
  return L.geoJSON(fc as FeatureCollection, {
    pane: 'fond',
    interactive: false,
    style: { color: '#000091', weight: 2, fillColor: '#e3e3fd', fillOpacity: 0.55, dashArray: '6 4' },
  });
}

/** The bounds of the given départements' outlines, or null when the basemap has none of them. */
export async function territoryBounds(codes: string[]): Promise<L.LatLngBounds | null> {
  const fc = await departementFeatures(codes);
  if (!fc) return null;
  let box: Box | null = null;
  for (const f of fc.features) {
    const [w, s, e, n] = geometryBox(f.geometry);
    box = box ? [Math.min(box[0], w), Math.min(box[1], s), Math.max(box[2], e), Math.max(box[3], n)] : [w, s, e, n];
  }
  return box ? L.latLngBounds([box[1], box[0]], [box[3], box[2]]) : null;
}

/** A marker for an actor or platform: a coloured disc with a letter (colour is not the only cue). */
export function kindIcon(kind: string, opts: { focus?: boolean; text?: string } = {}): L.DivIcon {
  const g = kindGroup(kind);
  const size = opts.focus ? 34 : 26;
  const span = document.createElement('span');
  span.className = `pin${opts.focus ? ' pin--focus' : ''}`;
  span.style.setProperty('--c', g.color);
  span.textContent = opts.text ?? g.glyph;
  return L.divIcon({
    className: 'pin-wrap',
    html: span,
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
    popupAnchor: [0, -size / 2],
  });
}

export function kindTitle(name: string, kind: string): string {
  return `${name} — ${kindFr(kind)}`;
}

/** A préfecture's name, with its département's under it (shown at zoom 7 only, by CSS). */
function prefectureLabel(name: string, departement: string): HTMLElement {
  const span = textElement(name);
  const sub = document.createElement('span');
  sub.className = 'pref-dept';
  sub.textContent = departement;
  span.append(sub);
  return span;
}

/** Leaflet renders a string tooltip or popup as HTML: pass text through an element instead. */
function textElement(text: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  return span;
}
