// Which points fall on no outline of the basemap: pure functions over plain coordinates.
//
// The basemap draws the 96 metropolitan départements and the overseas ones; a point elsewhere
// (a territory the basemap has no outline of, or the overseas file failed to load) would float
// on an empty background, and the Carte page says so instead.

import type { Geometry } from 'geojson';

/** [west, south, east, north] in degrees. */
export type Box = [number, number, number, number];

/** Points this close to a département's box (in degrees, ≈ 10 km) still count as on it:
 * Natural Earth's coasts are simplified, an establishment on the shore may fall just outside. */
export const BOX_MARGIN_DEG = 0.1;

/** The bounding box of a GeoJSON geometry. */
export function geometryBox(g: Geometry): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (lon: number, lat: number): void => {
    box[0] = Math.min(box[0], lon);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lon);
    box[3] = Math.max(box[3], lat);
  };
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') add(c[0], c[1] as number);
    else for (const x of c) visit(x);
  };
  if (g.type === 'GeometryCollection')
    for (const part of g.geometries) {
      const [w, s, e, n] = geometryBox(part);
      if (w <= e) {
        add(w, s);
        add(e, n);
      }
    }
  else visit(g.coordinates);
  return box;
}

/** How many of the points ([lon, lat]) lie in none of the boxes (widened by `margin`).
 *
 *   offOutlines([[-61.5, 16.2], [2.35, 48.85]], [[-5.2, 41.3, 9.6, 51.1]]) === 1
 */
export function offOutlines(points: [number, number][], boxes: Box[], margin = BOX_MARGIN_DEG): number {
  let n = 0;
  for (const [lon, lat] of points) {
    const inside = boxes.some(([w, s, e, no]) => lon >= w - margin && lon <= e + margin && lat >= s - margin && lat <= no + margin);
    if (!inside) n += 1;
  }
  return n;
}

/** A département's code as the basemap writes it: '046' → '46', '02A' → '2A', ' 971' → '971'. */
export function basemapCode(code: string): string {
  return code.trim().toUpperCase().replace(/^0(?=\d\d$|\d[AB]$)/, '').replace(/^0(2[AB])$/, '$1');
}
