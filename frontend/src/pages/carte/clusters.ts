// The icon of a group of nearby places (marker-cluster): its count, and in words the towns it
// gathers, so that hovering or focusing it names them (the map shows only the names that do not
// cover one another) and a screen reader says more than a number.

import L from '../../map/leaflet';
import { h } from '../../lib/dom';
import { clusterText, type Town } from './towns';

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
