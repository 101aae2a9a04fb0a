// The selected pathway on the map: numbered step markers, the route, the other possible
// establishments, the learner's home and the searched territory underneath.

import L from '../../map/leaflet';
import { createMap, kindIcon, territoryLayer, type CmqMap } from '../../map/basemap';
import { h } from '../../lib/dom';
import { modalityFr, offerCommune, plural } from '../../lib/labels';
import type { Place } from '../../lib/places';
import type { Pathway, PathwayOffer } from '../../lib/types';
import { chosen } from './card';

/** What to draw under the pathway: département codes, or a circle around a commune. */
export interface TerritoryShape {
  key: string;
  codes: string[];
  near: Place | null;
  radiusKm: number;
}

export interface PathwayMap {
  draw(p: Pathway, home: Place | null, territory: TerritoryShape): void;
  invalidate(): void;
  destroy(): void;
}

export function createPathwayMap(mapEl: HTMLElement, legend: HTMLElement): PathwayMap {
  const cmap: CmqMap = createMap(mapEl, 'Carte du parcours sélectionné');
  const routeLayer = L.layerGroup().addTo(cmap.map);
  let territory: L.Layer | null = null;
  let territoryKey = '';
  let alive = true;

  async function drawTerritory(t: TerritoryShape): Promise<L.LatLngBounds | null> {
    if (t.key === territoryKey) return territory && 'getBounds' in territory ? (territory as L.GeoJSON).getBounds() : null;
    territory?.remove();
    territory = null;
    territoryKey = t.key;
    if (t.codes.length) territory = await territoryLayer(t.codes);
    else if (t.near?.lat != null && t.near.lon != null) {
      territory = L.circle([t.near.lat, t.near.lon], {
        radius: t.radiusKm * 1000,
        color: '#000091',
        weight: 2,
        dashArray: '6 4',
        fillColor: '#e3e3fd',
        fillOpacity: 0.35,
        interactive: false,
      });
    }
    if (!territory || !alive) return null;
    territory.addTo(cmap.map);
    return (territory as L.GeoJSON).getBounds();
  }

  function draw(p: Pathway, home: Place | null, t: TerritoryShape): void {
    routeLayer.clearLayers();
    const pts: L.LatLng[] = [];
    for (const s of p.steps.slice(1)) {
      const c = chosen(s);
      for (const o of s.offers ?? []) {
        if (o === c || o.lat == null || o.lon == null) continue;
        L.circleMarker([o.lat, o.lon], { radius: 6, color: '#161616', weight: 1.5, fillColor: '#ffffff', fillOpacity: 1 })
          // An element, never a string: Leaflet renders a string tooltip as HTML (stored XSS).
          .bindTooltip(h('span', {}, `Autre possibilité pour l’étape ${s.index} : ${o.actor_name} (${offerCommune(o) ?? ''})`))
          .addTo(routeLayer);
      }
    }
    const places = new Map<string, { ll: L.LatLng; steps: number[]; offers: PathwayOffer[]; names: string[] }>();
    if (home?.lat != null && home.lon != null) {
      const ll = L.latLng(home.lat, home.lon);
      pts.push(ll);
      L.marker(ll, { icon: kindIcon('other', { text: '⌂' }), title: `Domicile : ${home.name}`, alt: `Domicile : ${home.name}` })
        .bindPopup(h('p', {}, h('strong', {}, 'Domicile'), h('br'), home.name))
        .addTo(routeLayer);
    }
    for (const s of p.steps.slice(1)) {
      const o = chosen(s);
      if (!o || o.lat == null || o.lon == null) continue;
      const ll = L.latLng(o.lat, o.lon);
      pts.push(ll);
      const key = `${o.lat.toFixed(5)},${o.lon.toFixed(5)}`;
      const place = places.get(key) ?? { ll, steps: [], offers: [], names: [] };
      place.steps.push(s.index);
      place.offers.push(o);
      place.names.push(s.name);
      places.set(key, place);
    }
    if (pts.length > 1) L.polyline(pts, { color: '#000091', weight: 4, opacity: 0.85, dashArray: '8 6' }).addTo(routeLayer);
    for (const place of places.values()) {
      const label = place.steps.join(', ');
      const title = place.steps.map((n, i) => `Étape ${n} : ${place.names[i]} — ${place.offers[i].actor_name}`).join(' ; ');
      const popup = h(
        'div',
        { class: 'popup' },
        ...place.steps.map((n, i) =>
          h(
            'p',
            {},
            h('strong', {}, `Étape ${n} : `),
            place.names[i],
            h('br'),
            `${place.offers[i].actor_name} — ${offerCommune(place.offers[i]) ?? ''} · ${modalityFr(place.offers[i].modality)}`,
          ),
        ),
      );
      L.marker(place.ll, { icon: kindIcon(place.offers[0].actor_kind, { text: label, focus: true }), title, alt: title, keyboard: true, riseOnHover: true })
        .bindPopup(popup)
        .addTo(routeLayer);
    }
    legend.textContent = `Parcours ${p.rank} : ${places.size ? `${plural(p.steps.length - 1, 'étape')} en ${plural(places.size, 'lieu', 'lieux')}, numérotés dans l'ordre` : 'aucun établissement localisé'}${pts.length > 1 ? ', trajet en pointillés (à vol d’oiseau)' : ''} ; ronds blancs : autres établissements possibles ; zone bleutée : territoire choisi.`;
    cmap.whenReady(() =>
      void drawTerritory(t).then((tb) => {
        if (!alive) return;
        cmap.map.invalidateSize();
        const b = tb ? L.latLngBounds(tb.getSouthWest(), tb.getNorthEast()) : null;
        for (const pt of pts) b?.extend(pt);
        if (b) cmap.map.fitBounds(b, { padding: [20, 20], maxZoom: 11, animate: false });
        else if (pts.length === 1) cmap.map.setView(pts[0], 9, { animate: false });
        else if (pts.length > 1) cmap.map.fitBounds(L.latLngBounds(pts), { padding: [40, 40], maxZoom: 11, animate: false });
      }),
    );
  }

  return {
    draw,
    invalidate: () => window.setTimeout(() => alive && cmap.map.invalidateSize(), 0),
    destroy: () => {
      alive = false;
      cmap.destroy();
    },
  };
}
