// Which names a map shows at each zoom, and which first where they would overlap (declutter.ts
// keeps the names of highest priority): pure rules, no Leaflet, used by basemap.ts.

/** Priorities of the names: the places a pathway or a link put forward first (PRIORITY_FOCUS +
 * their weight), then the régional chefs-lieux, the other préfectures, and the other towns by
 * their weight (below PRIORITY_PREFECTURE). */
export const PRIORITY_FOCUS = 3_000_000;
export const PRIORITY_REGIONAL_PREFECTURE = 2_000_000;
export const PRIORITY_PREFECTURE = 1_000_000;

/** Régional chefs-lieux from this zoom (the whole of France), the other préfectures from 7. */
export const REGIONAL_PREFECTURE_ZOOM = 5;
export const PREFECTURE_ZOOM = 7;
/** Town names from this zoom; the départements' names show from PREFECTURE_ZOOM up to it (a
 * name at the centre of each département would cover its préfecture's and its towns'). */
export const TOWN_ZOOM = 8;

/** A town to name: `key` identifies it among the map's names, `priority` orders the names
 * when they would overlap (basemap.ts's LabelRegistry). */
export interface TownLabel {
  key: string;
  name: string;
  lat: number;
  lon: number;
  priority: number;
}

/** The kinds of names shown at `zoom`.
 *
 *   namesAt(7) // → { regionalPrefectures: true, prefectures: true, departements: true, towns: false }
 */
export function namesAt(zoom: number): { regionalPrefectures: boolean; prefectures: boolean; departements: boolean; towns: boolean } {
  return {
    regionalPrefectures: zoom >= REGIONAL_PREFECTURE_ZOOM,
    prefectures: zoom >= PREFECTURE_ZOOM,
    departements: zoom >= PREFECTURE_ZOOM && zoom < TOWN_ZOOM,
    towns: zoom >= TOWN_ZOOM,
  };
}

/** A préfecture's priority among the names. */
export function prefecturePriority(regional: boolean): number {
  return regional ? PRIORITY_REGIONAL_PREFECTURE : PRIORITY_PREFECTURE;
}

/** A town's priority among the names: its weight (what its places weigh), put forward when one
 * of its places is. A town never outranks a préfecture unless put forward. */
export function townPriority(weight: number, focus: boolean): number {
  return (focus ? PRIORITY_FOCUS : 0) + Math.min(weight, PRIORITY_PREFECTURE - 1);
}
