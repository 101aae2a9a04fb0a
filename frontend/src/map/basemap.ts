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

interface DeptProps {
  code: string;
  nom: string;
  region: string;
  region_code: string;
  academie: string;
}

interface Basemap {
  departements: FeatureCollection<Geometry, DeptProps>;
  regions: MultiLineString;
}

let basemap: Promise<Basemap> | null = null;

function loadBasemap(): Promise<Basemap> {
  if (!basemap) {
    basemap = fetch(`${import.meta.env.BASE_URL}geo/france-departements.topo.json`)
      .then((r) => {
        if (!r.ok) throw new Error(`fond de carte indisponible (${r.status})`);
        return r.json() as Promise<Topology<{ departements: GeometryCollection<DeptProps> }>>;
      })
      .then((topo) => ({
        departements: feature(topo, topo.objects.departements) as FeatureCollection<Geometry, DeptProps>,
        regions: mesh(topo, topo.objects.departements, (a, b) => a !== b && (a.properties as DeptProps).region_code !== (b.properties as DeptProps).region_code),
      }));
    basemap.catch(() => {
      basemap = null;
    });
  }
  return basemap;
}

const BASEMAP_ATTRIBUTION =
  'Fond : <a href="https://www.naturalearthdata.com/">Natural Earth</a> (domaine public) ; ' +
  'départements, régions : Éducation nationale (Licence Ouverte)';

/** The offline basemap has nothing to show past zoom 13; online tiles go further. */
export function maxZoomFor(tileUrl: string): number {
  return tileUrl ? 18 : 13;
}

/** Régional chefs-lieux from this zoom (the whole of France), the other préfectures from 7. */
export const REGIONAL_PREFECTURE_ZOOM = 5;
export const PREFECTURE_ZOOM = 7;

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

export interface CmqMap {
  map: L.Map;
  /** Resolves once the basemap is drawn. */
  ready: Promise<void>;
  /** Runs `fn` once the basemap is drawn, unless the map was destroyed meanwhile. */
  whenReady(fn: () => void): void;
  destroy(): void;
}

export function createMap(el: HTMLElement, label: string): CmqMap {
  el.classList.add('map');
  el.setAttribute('role', 'region');
  el.setAttribute('aria-label', label);
  const map = L.map(el, {
    zoomSnap: 0.5,
    minZoom: 4,
    maxZoom: maxZoomFor(tileSettings().url),
    worldCopyJump: false,
    attributionControl: true,
  });
  map.fitBounds(FRANCE_BOUNDS);
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  map.createPane('fond');
  map.getPane('fond')!.style.zIndex = '250';
  map.createPane('frontieres');
  map.getPane('frontieres')!.style.zIndex = '350';
  map.getPane('frontieres')!.style.pointerEvents = 'none';
  // Names (départements, towns) under the markers (600), never over them.
  map.createPane('etiquettes');
  map.getPane('etiquettes')!.style.zIndex = '450';
  map.getPane('etiquettes')!.style.pointerEvents = 'none';

  let fill: L.GeoJSON | null = null;
  // Préfecture names: a dot at the town hall, the name to its right, under the markers.
  const regionalPrefs = L.layerGroup();
  const otherPrefs = L.layerGroup();
  const showPrefectures = (): void => {
    const z = map.getZoom();
    if (z >= REGIONAL_PREFECTURE_ZOOM) regionalPrefs.addTo(map);
    else regionalPrefs.remove();
    if (z >= PREFECTURE_ZOOM) otherPrefs.addTo(map);
    else otherPrefs.remove();
  };
  void prefectures()
    .then((list) => {
      if (!alive) return;
      for (const p of list) {
        L.marker([p.lat, p.lon], {
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
  };

  // Département names at zoom 7, under their préfecture's name; closer in, the town names
  // take over (a name at the centre of each département would cover its préfecture's).
  const showLabels = (): void => {
    el.classList.toggle('map--dept-names', map.getZoom() >= PREFECTURE_ZOOM && map.getZoom() < 8);
  };

  const ready = loadBasemap()
    .then((b) => {
      if (!alive) return;
      fill = L.geoJSON(b.departements, {
        pane: 'fond',
        interactive: false,
        style: { color: '#9a9a9a', weight: 0.7, fillColor: '#f7f5ef', fillOpacity: 1 },
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

  map.on('zoomend', showLabels);
  const onSettings = (): void => applyTiles();
  window.addEventListener('cmq:settings', onSettings);

  return {
    map,
    ready,
    whenReady(fn) {
      void ready.then(() => {
        if (alive) fn();
      });
    },
    destroy() {
      alive = false;
      window.removeEventListener('cmq:settings', onSettings);
      map.stop();
      map.off();
      map.remove();
    },
  };
}

/** Town names at a zoom where they can be read: each town once, at the mean point of the
 * places shown in it, written under that point so that its markers stay visible. */
export function townLabels(towns: { name: string; lat: number; lon: number }[], minZoom = 8): { layer: L.LayerGroup; update(map: L.Map): void } {
  const layer = L.layerGroup();
  for (const t of towns) {
    L.marker([t.lat, t.lon], {
      interactive: false,
      keyboard: false,
      pane: 'etiquettes',
      icon: L.divIcon({ className: 'town-dot', html: '', iconSize: [0, 0] }),
    })
      .bindTooltip(textElement(t.name), { permanent: true, direction: 'bottom', offset: [0, 12], className: 'town-label', pane: 'etiquettes' })
      .addTo(layer);
  }
  return {
    layer,
    update(map) {
      if (map.getZoom() >= minZoom) layer.addTo(map);
      else layer.remove();
    },
  };
}

/** The given départements ('12', '046', '2A'…) as a highlighted layer, for a territory. */
export async function territoryLayer(codes: string[]): Promise<L.GeoJSON | null> {
  const wanted = new Set(codes.map((c) => c.trim().toUpperCase().replace(/^0(?=\d\d$|\d[AB]$)/, '').replace(/^0(2[AB])$/, '$1')));
  if (!wanted.size) return null;
  try {
    const b = await loadBasemap();
    const features = b.departements.features.filter((f) => wanted.has(f.properties.code));
    if (!features.length) return null;
    return L.geoJSON({ type: 'FeatureCollection', features } as FeatureCollection, {
      pane: 'fond',
      interactive: false,
      style: { color: '#000091', weight: 2, fillColor: '#e3e3fd', fillOpacity: 0.55, dashArray: '6 4' },
    });
  } catch {
    return null;
  }
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
