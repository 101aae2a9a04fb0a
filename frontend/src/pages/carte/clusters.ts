// The icon of a group of nearby places (marker-cluster): its count, and in words the towns it
// gathers, so that hovering or focusing it names them (the map shows only the names that do not
// cover one another) and a screen reader says more than a number.

import L from '../../map/leaflet';
import { h } from '../../lib/dom';
import { plural } from '../../lib/labels';

/** A place's town: the key of its name on the map, and the name. */
export interface Town {
  key: string;
  name: string;
}

/** How many towns a group's description names before « et N autres communes ». */
export const TOWNS_NAMED = 6;

/** « 12 lieux : Nantes (8), Orvault (2), Rezé, Saint-Herblain » — the towns by their number of
 * places, then by name; places of no known commune counted, never named.
 *
 *   clusterText(3, [{ key: 'a', name: 'Rezé' }, { key: 'b', name: 'Nantes' }, { key: 'b', name: 'Nantes' }])
 *   // → '3 lieux : Nantes (2), Rezé'
 */
export function clusterText(count: number, towns: Town[]): string {
  const by = new Map<string, { name: string; n: number }>();
  for (const t of towns) {
    const e = by.get(t.key) ?? { name: t.name, n: 0 };
    e.n += 1;
    by.set(t.key, e);
  }
  const sorted = [...by.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name, 'fr'));
  const named = sorted.slice(0, TOWNS_NAMED).map((t) => (t.n > 1 ? `${t.name} (${t.n})` : t.name));
  const rest = sorted.length - named.length;
  const list = named.join(', ') + (rest > 0 ? ` et ${plural(rest, 'autre commune', 'autres communes')}` : '');
  return `${plural(count, 'lieu', 'lieux')}${list ? ` : ${list}` : ''}`;
}

/** The cluster plugin's icon (same classes and size as its own), with the towns of its places:
 * in `data-towns` (their keys, one a line), as a title and as text for screen readers. */
export function clusterIcon(cluster: L.MarkerCluster, townOf: Map<L.Marker, Town>): L.DivIcon {
  const count = cluster.getChildCount();
  const towns = cluster.getAllChildMarkers().flatMap((m) => townOf.get(m) ?? []);
  const text = clusterText(count, towns);
  const size = count < 10 ? 'small' : count < 100 ? 'medium' : 'large';
  const html = h(
    'div',
    { title: text, 'data-towns': [...new Set(towns.map((t) => t.key))].join('\n') },
    h('span', { 'aria-hidden': 'true' }, String(count)),
    h('span', { class: 'sr-only' }, text),
  );
  return L.divIcon({ html, className: `marker-cluster marker-cluster-${size}`, iconSize: L.point(40, 40) });
}
